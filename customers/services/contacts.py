"""The contact log (客户接触记录): visits, calls, messages, meals and gifts, and follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creditdesk.history import audited_delete, audited_save
from creditdesk.models import User
from customers.models import Contact, ContactKind, Customer
from customers.reasons import CustomersReason
from customers.services.common import lock, only_fields

CONTACT = "customers.contact"
CONTACT_FIELDS = (
    "kind",
    "occurred_on",
    "attendees",
    "purpose",
    "summary",
    "cost",
    "follow_up_on",
)


def _clean_contact(contact: Contact) -> None:
    if contact.kind not in ContactKind.values:
        raise ValidationError({"kind": _("无效的接触方式。")})
    if contact.occurred_on and contact.occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": _("接触日期不能晚于今天；计划中的事请填跟进日期。")})
    if contact.follow_up_on and contact.occurred_on and contact.follow_up_on < contact.occurred_on:
        raise ValidationError({"follow_up_on": _("跟进日期不能早于接触日期。")})
    if contact.cost is None:
        contact.cost = Decimal("0.00")
    contact.full_clean(validate_unique=False)


@transaction.atomic
def contact_log(*, customer: Customer, by: User, values: dict[str, Any]) -> Contact:
    """Log a visit, call, message, meal or gift, with an optional follow-up date."""
    customer = lock(Customer.objects, customer, by=by, action=CONTACT)
    contact = Contact(customer=customer, created_by=by, **only_fields(values, CONTACT_FIELDS))
    _clean_contact(contact)
    return audited_save(contact, by=by, reason=CustomersReason.CONTACT_LOG, clean=False)


@transaction.atomic
def contact_update(*, contact: Contact, by: User, values: dict[str, Any]) -> Contact:
    contact = lock(Contact.objects, contact, by=by, action=CONTACT)
    for field, value in only_fields(values, CONTACT_FIELDS).items():
        setattr(contact, field, value)
    if contact.follow_up_on is None:
        contact.follow_up_done = False
    _clean_contact(contact)
    return audited_save(contact, by=by, reason=CustomersReason.CONTACT_UPDATE, clean=False)


@transaction.atomic
def contact_follow_up_done(*, contact: Contact, by: User) -> Contact:
    """Mark a promised follow-up as done: it leaves the home page."""
    contact = lock(Contact.objects, contact, by=by, action=CONTACT)
    if contact.follow_up_on is None:
        raise ValidationError(_("这条记录没有跟进日期。"))
    contact.follow_up_done = True
    return audited_save(
        contact,
        by=by,
        reason=CustomersReason.CONTACT_FOLLOW_UP_DONE,
        clean=False,
        update_fields=["follow_up_done"],
    )


@transaction.atomic
def contact_delete(*, contact: Contact, by: User) -> None:
    contact = lock(Contact.objects, contact, by=by, action=CONTACT)
    audited_delete(contact, by=by, reason=CustomersReason.CONTACT_DELETE)
