"""Loan records for tests: products, a customer with a complete file, applications brought to
any state through the services (never by writing the status)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loans import services
from loans.models import DocumentKind, LoanApplication, LoanProduct
from loans.schedules import RepaymentMethod
from tests.factories import CustomerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

GOOD_FINDINGS = {
    "visit_date": datetime.date(2026, 11, 1),
    "character": "good",
    "character_evidence": "村里口碑好，无不良记录",
    "product_quality": "good",
    "product_evidence": "养殖场存栏 300 头，销路稳定",
    "collateral": "good",
    "collateral_evidence": "自建房一套",
    "observe_notes": "谈吐实在",
    "hear_sources": "村支书、邻居、饲料供应商",
    "hear_cross_checked": True,
    "ask_production_sales": "answered",
    "ask_receivables_payables": "answered",
    "ask_upstream_downstream": "answered",
    "ask_wages": "answered",
    "ask_water_power": "answered",
    "annual_sales": Decimal("600000.00"),
    "own_funds": Decimal("50000.00"),
    "crit_morality": "good",
    "crit_repayment": "good",
    "crit_capital": "fair",
    "crit_environment": "good",
    "crit_guarantee": "fair",
    "report": "经调查，借款人经营正常，建议发放。",
}


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def product(db) -> LoanProduct:
    return LoanProduct.objects.create(
        code="FARM-MICRO",
        name="农户小额信用贷款",
        customer_types=["farm_household", "individual_business"],
        min_amount=Decimal("10000"),
        max_amount=Decimal("2000000"),
        max_term_months=36,
        min_rate=Decimal("3.0"),
        max_rate=Decimal("12.0"),
        repayment_methods=list(RepaymentMethod.values),
        guarantee_kinds=["credit"],
    )


@pytest.fixture
def customer(manager):
    return CustomerFactory(manager=manager, name="张大山", birth_date=datetime.date(1980, 5, 17))


def make_application(customer, product, manager, **overrides) -> LoanApplication:
    data = {
        "customer": customer,
        "product": product,
        "amount": Decimal("100000.00"),
        "term_months": 12,
        "purpose": "购买饲料",
        "repayment_method": RepaymentMethod.EQUAL_INSTALMENT,
        "proposed_rate": Decimal("6.5"),
        "first_repayment_source": "生猪销售收入",
        "second_repayment_source": "务工收入",
        "production_cycle_months": 6,
        **overrides,
    }
    return services.application_create(created_by=manager, **data)


def add_documents(application, user) -> None:
    for kind in application.product.document_checklist(application.customer.customer_type):
        services.document_upload(application=application, user=user, kind=kind, upload=pdf())


def investigated(application, manager, second, **findings) -> LoanApplication:
    services.application_start_investigation(
        application=application, user=manager, second_investigator=second
    )
    services.investigation_update(
        application=application, user=manager, data={**GOOD_FINDINGS, **findings}
    )
    services.investigation_confirm(application=application, user=second)
    add_documents(application, manager)
    application.refresh_from_db()
    return application


def submitted(application, manager, second, **findings) -> LoanApplication:
    investigated(application, manager, second, **findings)
    services.application_submit(application=application, user=manager)
    application.refresh_from_db()
    return application


@pytest.fixture
def draft(customer, product, manager) -> LoanApplication:
    return make_application(customer, product, manager)


@pytest.fixture
def pending(draft, manager, manager2) -> LoanApplication:
    """An application submitted for approval, 100,000 yuan, within the head's authority."""
    return submitted(draft, manager, manager2)


@pytest.fixture
def approved(pending, head) -> LoanApplication:
    services.application_approve(application=pending, approver=head, opinion="同意")
    pending.refresh_from_db()
    return pending


@pytest.fixture
def signed(approved, manager) -> LoanApplication:
    services.application_sign_contract(
        application=approved, user=manager, signed_on=datetime.date.today()
    )
    approved.refresh_from_db()
    return approved


__all__ = ["DocumentKind"]
