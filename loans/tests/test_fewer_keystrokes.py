"""Fewer keystrokes for the manager: the customer found by typing, the product and its
defaults proposed, limits beside the fields, the investigation started with the application
and pre-filled, several files at once and the documents the bank already holds."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loans import prefill, services
from loans.models import ApplicationStatus, Document, DocumentKind, LoanApplication
from loans.tests.conftest import PDF
from loans.tests.journey import card_holder, loan_card_product, sme_product
from tests.factories import CustomerFactory


@pytest.fixture
def products(db):
    return loan_card_product(), sme_product()


@pytest.fixture
def holder(manager, head, products):
    return card_holder(manager, head)


def _scan(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_search_finds_customers_in_scope_only(client_for, manager, other_manager, holder):
    CustomerFactory(manager=other_manager, name="王建设")
    page = client_for(manager).get("/loans/new/customers/", {"q": "王建"}).content.decode()
    assert "王建国" in page and "王建设" not in page
    assert f"?customer={holder.pk}" in page


def test_choosing_the_customer_proposes_the_loan_card_product_and_its_defaults(
    client_for, manager, holder, products
):
    card, _sme = products
    response = client_for(manager).get("/loans/new/", {"customer": holder.pk})
    form = response.context["form"]
    assert list(form.fields["product"].queryset) == [card]  # no SME product for a household
    assert form["product"].value() == card.pk
    assert form["term_months"].value() == 12
    assert form["proposed_rate"].value() == Decimal("5.5")
    assert form["repayment_method"].value() == "equal_instalment"
    page = response.content.decode()
    assert "可用 <strong>60,000.00</strong> 元" in page  # the loan card beside the fields
    assert "本产品 10,000.00–300,000.00 元 · 授信可用 60,000.00 元" in page


def test_what_was_typed_wins_over_the_proposals(client_for, manager, holder, products):
    response = client_for(manager).get(
        "/loans/new/", {"customer": holder.pk, "term_months": "6", "amount": "50000"}
    )
    form = response.context["form"]
    assert (form["term_months"].value(), form["amount"].value()) == ("6", "50000")


def test_saving_with_a_second_investigator_starts_the_investigation(
    client_for, manager, manager2, holder, products
):
    response = client_for(manager).post(
        "/loans/new/",
        {
            "customer": holder.pk,
            "product": products[0].pk,
            "amount": "50000",
            "term_months": "12",
            "repayment_method": "equal_instalment",
            "proposed_rate": "5.5",
            "purpose": "购买化肥种子",
            "first_repayment_source": "水稻销售收入",
            "production_cycle_months": "12",
            "second_investigator": manager2.pk,
        },
    )
    application = LoanApplication.objects.get(customer=holder)
    assert response.status_code == 302
    assert response.url == f"/loans/{application.pk}/investigation/"
    assert application.status == ApplicationStatus.INVESTIGATING
    assert application.investigation.second_investigator == manager2


def test_a_refused_application_keeps_what_was_typed(client_for, manager, holder, products):
    response = client_for(manager).post(
        "/loans/new/",
        {
            "customer": holder.pk,
            "product": products[0].pk,
            "amount": "90000",  # above the 60,000 available on the card
            "term_months": "12",
            "repayment_method": "equal_instalment",
            "proposed_rate": "5.5",
            "purpose": "购买化肥种子",
            "first_repayment_source": "水稻销售收入",
            "production_cycle_months": "12",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "授信可用额度" in page and 'value="购买化肥种子"' in page and 'value="90000"' in page
    assert not LoanApplication.objects.exists()


def test_the_investigation_starts_from_the_snapshot_and_today(
    client_for, manager, manager2, holder, products
):
    application = services.application_create(
        created_by=manager,
        customer=holder,
        product=products[0],
        amount=Decimal("50000"),
        term_months=12,
        repayment_method="equal_instalment",
        proposed_rate=Decimal("5.5"),
        purpose="购买化肥",
        first_repayment_source="水稻销售收入",
        production_cycle_months=12,
    )
    services.application_start_investigation(
        application=application, user=manager, second_investigator=manager2
    )
    form = client_for(manager).get(f"/loans/{application.pk}/investigation/").context["form"]
    assert form["visit_date"].value() == timezone.localdate()
    assert form["annual_sales"].value() == Decimal("240000")
    assert Decimal(form["profit_margin"].value()) == Decimal("15.0")
    assert form["own_funds"].value() == Decimal("260000")


def _application(holder, product, manager, manager2, **kwargs):
    application = services.application_create(
        created_by=manager,
        customer=holder,
        product=product,
        amount=Decimal("20000"),
        term_months=12,
        repayment_method="equal_instalment",
        proposed_rate=Decimal("5.5"),
        purpose="购买化肥",
        first_repayment_source="水稻销售收入",
        production_cycle_months=12,
    )
    services.application_start_investigation(
        application=application, user=manager, second_investigator=manager2
    )
    return application


def test_several_files_at_once_each_filed_as_the_next_missing_kind(
    client_for, manager, manager2, holder, products
):
    application = _application(holder, products[0], manager, manager2)
    response = client_for(manager).post(
        f"/loans/{application.pk}/documents/",
        {"files": [_scan("a.pdf"), _scan("b.pdf"), _scan("c.pdf")]},
    )
    assert response.status_code == 302
    kinds = list(application.documents.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["applicant_id", "spouse_id", "credit_auth"]
    # A kind chosen beside a file wins.
    client_for(manager).post(
        f"/loans/{application.pk}/documents/",
        {"files": [_scan("consent.pdf")], "kinds": ["family_consent"]},
    )
    assert application.documents.filter(kind="family_consent").exists()


def test_documents_the_bank_holds_are_attached_instead_of_scanned_again(
    client_for, manager, manager2, holder, products
):
    earlier = _application(holder, products[0], manager, manager2)
    for kind in (DocumentKind.APPLICANT_ID, DocumentKind.CREDIT_AUTH, DocumentKind.VISIT_PHOTO):
        services.document_upload(
            application=earlier, user=manager, kind=kind, upload=_scan("x.pdf")
        )
    services.application_withdraw(application=earlier, user=manager, reason="改期")
    application = _application(holder, products[0], manager, manager2)
    held = prefill.held_documents(application, timezone.localdate())
    # The IDs and the credit-report authorisation, not the old visit's photo.
    assert sorted(d.kind for d in held) == ["applicant_id", "credit_auth"]
    page = client_for(manager).get(f"/loans/{application.pk}/").content.decode()
    assert 'id="held-documents"' in page
    client_for(manager).post(f"/loans/{application.pk}/documents/", {"held": [d.pk for d in held]})
    attached = application.documents.order_by("kind")
    assert [d.kind for d in attached] == ["applicant_id", "credit_auth"]
    assert {d.file.name for d in attached} == {d.file.name for d in held}  # the same scans
    assert attached[0].history.first().history_change_reason.startswith("loans.document_attach")
    # Attaching again (or another customer's document) is refused by the service.
    with pytest.raises(Exception, match="不能沿用"):
        services.document_attach_held(application=application, user=manager, documents=held)


def test_an_expired_authorisation_is_not_offered(manager, manager2, holder, products):
    earlier = _application(holder, products[0], manager, manager2)
    old = services.document_upload(
        application=earlier, user=manager, kind=DocumentKind.CREDIT_AUTH, upload=_scan("x.pdf")
    )
    Document.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=400)
    )
    application = _application(holder, products[0], manager, manager2)
    assert prefill.held_documents(application, timezone.localdate()) == []


def test_a_refused_approval_keeps_the_opinion(client_for, head, pending):
    response = client_for(head).post(
        f"/loans/{pending.pk}/review/",
        {"action": "approve", "opinion": "同意，按期回访", "amount": "999999999"},
    )
    assert response.status_code == 200
    assert "同意，按期回访" in response.content.decode()


def test_the_customer_file_starts_a_new_application_for_that_customer(client_for, manager, holder):
    page = client_for(manager).get(f"/customers/{holder.pk}/").content.decode()
    assert f'href="/loans/new/?customer={holder.pk}"' in page
