"""Fewer keystrokes: what the forms can propose from what the bank already knows — the
customer's products, rating and loan card, the product's defaults, the latest financial
snapshot and the previous application. Reads only; the services still decide."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from customers.models import Customer
from loans.models import (
    ApplicationStatus,
    Document,
    DocumentKind,
    Investigation,
    LoanApplication,
    LoanProduct,
)

#: The usual term of a small farm loan (one production year) when the product allows it.
USUAL_TERM_MONTHS = 12
#: Fields a previous application's answers may pre-fill on the next one.
CARRIED_REQUEST_FIELDS = ("purpose", "first_repayment_source", "second_repayment_source")
CARRIED_FINDINGS = ("observe_notes", "hear_sources", "character_evidence", "product_evidence")
#: How long a document the bank holds stays good for a new application (days); kinds not
#: listed (photos of this visit, statements of this year) are collected each time.
HELD_DOCUMENT_DAYS = {
    DocumentKind.APPLICANT_ID: 5 * 365,
    DocumentKind.SPOUSE_ID: 5 * 365,
    DocumentKind.CREDIT_AUTH: 365,
    DocumentKind.SPOUSE_CREDIT_AUTH: 365,
    DocumentKind.FAMILY_CONSENT: 365,
    DocumentKind.CREDIT_CERTIFICATE: 365,
    DocumentKind.BUSINESS_LICENCE: 365,
}


def products_for(customer: Customer | None):
    """Products on sale to the customer's type (all on sale while no customer is chosen)."""
    products = LoanProduct.objects.active().order_by("pk")
    if customer is None:
        return products
    fitting = [p.pk for p in products if customer.customer_type in (p.customer_types or [])]
    return products.filter(pk__in=fitting)


@dataclass
class LineFacts:
    """The customer's rating and loan card on a day, for the form's side panel."""

    grade: str | None
    rating_until: datetime.date | None
    line_amount: Decimal | None
    drawn: Decimal | None
    available: Decimal | None
    line_until: datetime.date | None


def line_facts(customer: Customer, on: datetime.date) -> LineFacts:
    rating = customer.ratings.current(on)
    line = customer.credit_lines.in_force_on(on).first()
    drawn = line.outstanding() if line is not None else None
    return LineFacts(
        grade=rating.grade if rating else None,
        rating_until=rating.valid_until if rating else None,
        line_amount=line.amount if line else None,
        drawn=drawn,
        available=max(line.amount - drawn, Decimal("0.00")) if line is not None else None,
        line_until=line.valid_until if line else None,
    )


def preferred_product(customer: Customer, facts: LineFacts) -> LoanProduct | None:
    """The short path: a customer with a loan card borrows on it (the product drawn on a
    line); otherwise the only product that fits, if there is one."""
    products = list(products_for(customer))
    if facts.available:
        on_line = [p for p in products if p.needs_credit_line]
        if on_line:
            return on_line[0]
    return products[0] if len(products) == 1 else None


def previous_application(customer: Customer) -> LoanApplication | None:
    return (
        LoanApplication.objects.filter(customer=customer)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .order_by("-pk")
        .first()
    )


def application_initial(customer: Customer | None, given: dict, on: datetime.date) -> dict:
    """The new-application form's proposals: the customer's usual product, its defaults and
    what the previous application said. Whatever the user already typed (``given``) wins."""
    given = {k: v for k, v in given.items() if v not in ("", None)}
    if customer is None:
        return given
    initial: dict = {"customer": customer.pk}
    product = None
    if str(given.get("product", "")).isdigit():
        product = products_for(customer).filter(pk=given["product"]).first()
    if product is None:
        product = preferred_product(customer, line_facts(customer, on))
    if product is not None:
        term = min(USUAL_TERM_MONTHS, product.max_term_months)
        initial |= {
            "product": product.pk,
            "term_months": term,
            "production_cycle_months": term,
            "proposed_rate": product.min_rate.normalize(),
        }
        if product.repayment_methods:
            initial["repayment_method"] = product.repayment_methods[0]
    previous = previous_application(customer)
    if previous is not None:
        for name in CARRIED_REQUEST_FIELDS:
            if getattr(previous, name):
                initial[name] = getattr(previous, name)
        if previous.product_id == initial.get("product"):
            initial["repayment_method"] = previous.repayment_method
            initial["production_cycle_months"] = previous.production_cycle_months
    return initial | given


def limit_hints(product: LoanProduct | None, facts: LineFacts | None) -> dict[str, str]:
    """By field, the limits to show beside it (the product's, and the loan card's available)."""
    hints: dict[str, str] = {}
    if product is not None:
        hints["amount"] = _("本产品 %(min)s–%(max)s 元") % {
            "min": f"{product.min_amount:,.2f}",
            "max": f"{product.max_amount:,.2f}",
        }
        hints["term_months"] = _("最长 %(n)s 个月") % {"n": product.max_term_months}
        hints["proposed_rate"] = _("本产品 %(min)s%%–%(max)s%%") % {
            "min": f"{product.min_rate:.2f}",
            "max": f"{product.max_rate:.2f}",
        }
    if facts is not None and facts.available is not None:
        line = _("授信可用 %(available)s 元") % {"available": f"{facts.available:,.2f}"}
        hints["amount"] = f"{hints['amount']} · {line}" if "amount" in hints else line
    return hints


def investigation_initial(application: LoanApplication, on: datetime.date) -> dict:
    """A fresh investigation's proposals: today's visit, the latest snapshot's sales and
    margin, and what the previous investigation of this customer heard and saw."""
    initial: dict = {"visit_date": on}
    snapshot = application.customer.financials.order_by("-as_of").first()
    if snapshot is not None:
        initial["annual_sales"] = snapshot.revenue
        if snapshot.margin is not None:
            initial["profit_margin"] = snapshot.margin
        equity = snapshot.total_assets - snapshot.total_liabilities
        if equity > 0:
            initial["own_funds"] = equity
    earlier = (
        Investigation.objects.filter(application__customer=application.customer)
        .exclude(application=application)
        .order_by("-application_id")
        .first()
    )
    if earlier is not None:
        for name in CARRIED_FINDINGS:
            if getattr(earlier, name):
                initial[name] = getattr(earlier, name)
    return initial


def is_fresh(investigation: Investigation) -> bool:
    """Nothing recorded yet: the form may propose instead of showing blanks."""
    return investigation.visit_date is None and not investigation.report


def held_documents(application: LoanApplication, on: datetime.date) -> list[Document]:
    """Documents the bank already holds for this customer from earlier applications, still
    valid and still missing here: the newest of each kind."""
    missing = {row["kind"] for row in application.missing_documents()}
    found: dict[str, Document] = {}
    earlier = (
        Document.objects.filter(application__customer=application.customer, kind__in=missing)
        .exclude(application=application)
        .order_by("-uploaded_at", "-pk")
    )
    for document in earlier:
        days = HELD_DOCUMENT_DAYS.get(document.kind)
        if days is None or document.kind in found:
            continue
        if (on - document.uploaded_at.date()).days <= days:
            found[document.kind] = document
    return list(found.values())


def next_missing_kinds(application: LoanApplication, *, skip: set[str] | None = None) -> list:
    """The checklist's missing kinds in order: what the next uploaded files probably are."""
    skip = skip or set()
    kinds = [row["kind"] for row in application.missing_documents() if row["kind"] not in skip]
    return [*kinds, DocumentKind.VISIT_PHOTO]
