"""Demo data of guarantees, loaded by ``manage.py seed_demo``, written through the services.

Guarantees' seed runs before loans' (INSTALLED_APPS order), when no application exists yet:
``seed`` registers what stands on its own — guarantors of every kind (a person, an
organisation, an existing customer), collateral of several kinds (a registered house whose
certificate is lent out and back, a deposit receipt) and a joint-guarantee group of three farm
households. Loans' demo then calls :func:`attach` with its applications: two borrowers who
guarantee each other (a mutual-guarantee circle) and an approved loan secured by a house whose
mortgage is not registered yet. Loans' demo also leaves, in the head's queue, an application
with poor collateral that is approvable only once a guarantor is added (the registered
"周保山" is ready to be picked). Idempotent."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from creditdesk.history import audited_save
from creditdesk.models import User
from creditdesk.reasons import OrganisationReason
from customers.models import Customer, CustomerType
from guarantees.models import (
    Collateral,
    CollateralKind,
    Custody,
    GuaranteePolicy,
    Guarantor,
)
from guarantees.services import collateral as collateral_services
from guarantees.services import groups, parties

#: A person (valid resident ID) and an organisation (valid credit code) to pick as guarantors.
PARTIES = [
    {
        "party_type": "person",
        "name": "周保山",
        "id_number": "110105197203150039",
        "net_assets": Decimal("600000"),
        "annual_income": Decimal("120000"),
    },
    {
        "party_type": "organisation",
        "name": "兴农农资有限公司",
        "id_number": "91350100M000100Y43",
        "net_assets": Decimal("3000000"),
        "annual_income": Decimal("800000"),
    },
]


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def ensure_reference_data() -> None:
    """The policy and the collateral kinds as migration 0002 installs them, in case a database
    was flushed after migrating (transactional tests do). Idempotent."""
    defaults = importlib.import_module("guarantees.migrations.0002_policy_and_collateral_kinds")
    demo = OrganisationReason.DEMO
    if not GuaranteePolicy.objects.exists():
        audited_save(GuaranteePolicy(), by=None, reason=demo)
    for code, name, ltv, months, registration, insurance, pledge in defaults.KINDS:
        if not CollateralKind.objects.filter(code=code).exists():
            kind = CollateralKind(
                code=code,
                name=name,
                max_ltv=Decimal(ltv),
                revaluation_months=months,
                needs_registration=registration,
                needs_insurance=insurance,
                is_pledge=pledge,
            )
            audited_save(kind, by=None, reason=demo)


def seed(*, stdout=None) -> None:
    ensure_reference_data()
    manager = User.objects.filter(username="manager1").first()
    if manager is None or Guarantor.objects.filter(registered_by=manager).exists():
        return
    with transaction.atomic():
        for values in PARTIES:
            parties.guarantor_register(by=manager, values=dict(values))
        farmers = list(
            Customer.objects.filter(manager=manager, customer_type=CustomerType.FARM_HOUSEHOLD)[:5]
        )
        if len(farmers) >= 5:
            groups.group_form(
                by=manager, name="东村联保小组", ceiling=Decimal("600000"), members=farmers[2:5]
            )
        if farmers:
            _registered_house(farmers[0], manager)
            _deposit_receipt(farmers[0], manager)
    _say(stdout, "Guarantees: demo guarantors, collateral and a joint-guarantee group loaded.\n")


def _kind(code: str) -> CollateralKind:
    return CollateralKind.objects.get(code=code)


def _house(customer, manager, description: str, value: str) -> Collateral:
    return collateral_services.collateral_add(
        customer=customer,
        by=manager,
        values={
            "kind": _kind("residential"),
            "description": description,
            "location": f"{customer.township}{customer.village}",
            "appraised_value": Decimal(value),
            "appraiser": "县诚信房地产评估所",
            "appraised_on": timezone.localdate() - datetime.timedelta(days=40),
            "insurer": "人保财险",
            "insured_until": timezone.localdate() + datetime.timedelta(days=300),
        },
    )


def _registered_house(customer, manager) -> None:
    item = _house(customer, manager, "自建砖混住宅 180 平方米", "420000")
    collateral_services.collateral_register(
        collateral=item,
        by=manager,
        certificate_number="X县不动产证明第 2026-0088 号",
        registry="县不动产登记中心",
        registered_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    collateral_services.custody_move(
        collateral=item, by=manager, to=Custody.LENT_OUT, holder="县不动产登记中心（换证）"
    )
    collateral_services.custody_move(collateral=item, by=manager, to=Custody.IN_VAULT)


def _deposit_receipt(customer, manager) -> None:
    collateral_services.collateral_add(
        customer=customer,
        by=manager,
        values={
            "kind": _kind("deposit_receipt"),
            "description": "定期存单 5 万元",
            "appraised_value": Decimal("50000"),
            "appraiser": "本行营业部",
            "appraised_on": timezone.localdate(),
        },
    )


def attach(*, by: User, circle, mortgaged) -> None:
    """Called by loans' demo with its applications: the two of ``circle`` guarantee each
    other; ``mortgaged`` is secured by a house whose mortgage is not registered yet."""
    first, second = circle
    for application, guarantor in ((first, second.customer), (second, first.customer)):
        parties.guarantee_propose(
            application=application,
            by=by,
            party={
                "party_type": "person",
                "name": guarantor.name,
                "id_number": guarantor.id_number,
                "net_assets": Decimal("150000"),
            },
            amount=application.amount,
            relationship="neighbour",
            willingness="strong",
            willingness_notes="两户互相担保多年。",
        )
    house = _house(mortgaged.customer, by, "临街两层自建房", "300000")
    collateral_services.pledge_propose(
        application=mortgaged, collateral=house, by=by, amount_secured=Decimal("120000")
    )
