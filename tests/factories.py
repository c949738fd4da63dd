"""Factories for the records tests need; named demo people live in conftest.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from stdnum.cn import ric

from creditdesk.models import AuthorityLimit, Branch, BranchKind, Role, User
from customers.models import Customer, CustomerType


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"测试支行{n}")
    kind = BranchKind.BRANCH
    parent = factory.LazyFunction(
        lambda: Branch.objects.get_or_create(
            code="HO", defaults={"name": "总行", "kind": BranchKind.HEAD_OFFICE}
        )[0]
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"员工{n}")
    role = Role.MANAGER
    grade = 1
    branch = factory.SubFactory(BranchFactory)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AuthorityLimitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorityLimit
        django_get_or_create = ("role", "grade")

    role = Role.BRANCH_HEAD
    grade = 1
    max_loan_amount = Decimal("300000.00")
    max_credit_line = Decimal("200000.00")


def make_id_number(n: int, birth: datetime.date = datetime.date(1980, 5, 17)) -> str:
    """A valid resident ID number (GB 11643): region 110105, birth date, sequence, check digit."""
    birth = birth + datetime.timedelta(days=n // 1000)
    # 110105 (Beijing, Chaoyang) is a county code for every birth year; stdnum checks both the
    # place and the date. calc_check_digit expects the number with a check-digit placeholder.
    body = f"110105{birth:%Y%m%d}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"客户{n}")
    customer_type = CustomerType.FARM_HOUSEHOLD
    id_number = factory.Sequence(lambda n: make_id_number(n))
    birth_date = datetime.date(1980, 5, 17)
    manager = factory.SubFactory(UserFactory)
    branch = factory.LazyAttribute(lambda c: c.manager.branch)
