"""Every customers service leaves history: who (None only for a nightly job) and why (a reason
code registered in customers/reasons.py). Then: the demo data was written the same way."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from creditdesk.history import decode_reason, known_reason_codes
from customers import demo
from customers.models import CustomerType
from customers.reasons import CustomersJobReason, CustomersReason
from customers.services.contacts import (
    contact_delete,
    contact_follow_up_done,
    contact_log,
    contact_update,
)
from customers.services.credit import (
    credit_line_approve,
    credit_line_propose,
    credit_line_review,
    credit_line_revoke,
    credit_lines_expire,
    rating_record,
)
from customers.services.customers import customer_create, customer_update, customers_reassign
from customers.services.household import (
    member_add,
    member_remove,
    member_update,
    snapshot_delete,
    snapshot_record,
)
from customers.services.marketing import customer_move_stage, products_set
from customers.services.villages import (
    credit_village_open,
    village_batch_make_effective,
    village_batch_object,
    village_batch_publish,
    village_batch_rate,
    village_batch_resolve,
)
from customers.tests.credit_helpers import DAY, household, scores_for

CUSTOMERS_CODES = {c.value for c in CustomersReason} | {c.value for c in CustomersJobReason}
AFTER_WINDOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))


def _history_models():
    return [m for m in apps.get_app_config("customers").get_models() if hasattr(m, "history")]


def _last_ids() -> dict:
    return {
        m: (m.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0)
        for m in _history_models()
    }


@contextmanager
def leaves_history(by, *, codes: set[str] | None = None):
    """The block writes at least one history row; each has ``by`` and a registered code."""
    before = _last_ids()
    yield
    rows = [row for m, last in before.items() for row in m.history.filter(history_id__gt=last)]
    assert rows, "no history row written"
    for row in rows:
        code, _note = decode_reason(row.history_change_reason)
        assert code in CUSTOMERS_CODES and code in known_reason_codes(), row
        expected = None if code.startswith("job.") else by
        assert row.history_user == expected, (row, code)
        if codes is not None:
            assert code in codes, (row, code)


def test_customer_file_services(manager, head, manager2):
    with leaves_history(manager, codes={"customers.create"}):
        customer = customer_create(
            by=manager,
            name="张大山",
            customer_type="farm_household",
            id_number="110105198005170017",
        )
    with leaves_history(manager, codes={"customers.update"}):
        customer_update(customer=customer, by=manager, changes={"village": "东村"})
    with leaves_history(manager, codes={"customers.move_stage"}):
        customer_move_stage(customer=customer, by=manager, stage="lost", lost_reason="外出务工")
    with leaves_history(manager, codes={"customers.product_add"}):
        products_set(customer=customer, by=manager, products=["card"])
    with leaves_history(manager, codes={"customers.product_remove"}):
        products_set(customer=customer, by=manager, products=[])
    with leaves_history(manager, codes={"customers.member_add"}):
        member = member_add(
            customer=customer,
            by=manager,
            values={"name": "王秀英", "relation": "spouse", "id_number": "110105198205060023"},
        )
    with leaves_history(manager, codes={"customers.member_update"}):
        member_update(member=member, by=manager, changes={"occupation": "务农"})
    with leaves_history(manager, codes={"customers.member_remove"}):
        member_remove(member=member, by=manager)
    with leaves_history(manager, codes={"customers.snapshot_record"}):
        snapshot = snapshot_record(
            customer=customer,
            by=manager,
            values={
                "as_of": datetime.date(2025, 12, 31),
                "revenue": Decimal("100000"),
                "net_profit": Decimal("12000"),
                "total_assets": Decimal("200000"),
                "total_liabilities": Decimal("50000"),
            },
        )
    with leaves_history(manager, codes={"customers.snapshot_delete"}):
        snapshot_delete(snapshot=snapshot, by=manager)
    with leaves_history(manager, codes={"customers.contact_log"}):
        contact = contact_log(
            customer=customer,
            by=manager,
            values={
                "kind": "visit",
                "occurred_on": datetime.date.today(),
                "purpose": "了解春耕资金需求",
                "follow_up_on": datetime.date.today(),
            },
        )
    with leaves_history(manager, codes={"customers.contact_update"}):
        contact_update(contact=contact, by=manager, values={"summary": "生产正常"})
    with leaves_history(manager, codes={"customers.contact_follow_up_done"}):
        contact_follow_up_done(contact=contact, by=manager)
    with leaves_history(manager, codes={"customers.contact_delete"}):
        contact_delete(contact=contact, by=manager)
    with leaves_history(head, codes={"customers.reassign"}):
        customers_reassign(customers=[customer], to_manager=manager2, by=head, reason="调岗")


def test_credit_line_services(manager, head):
    customer = household(manager)
    with leaves_history(manager, codes={"customers.rating_record"}):
        rating_record(
            customer=customer,
            scores=scores_for(CustomerType.FARM_HOUSEHOLD, 95),
            rated_by=manager,
            on=DAY,
        )
    with leaves_history(manager, codes={"customers.line_propose"}):
        line = credit_line_propose(
            customer=customer, amount=Decimal("50000"), proposed_by=manager, valid_from=DAY
        )
    with leaves_history(head, codes={"customers.line_approve"}):
        credit_line_approve(line=line, approver=head, now=AFTER_WINDOW)
    with leaves_history(head, codes={"customers.line_review_passed"}):
        credit_line_review(line=line, reviewed_by=head, passed=True, note="经营正常", on=DAY)
    with leaves_history(head, codes={"customers.line_revoke"}):
        credit_line_revoke(line=line, revoked_by=head, reason="经营异常")


def test_the_nightly_expiry_leaves_a_history_row_for_each_line(manager, head):
    lines = []
    for _ in range(2):
        customer = household(manager)
        rating_record(
            customer=customer,
            scores=scores_for(CustomerType.FARM_HOUSEHOLD, 95),
            rated_by=manager,
            on=DAY,
        )
        line = credit_line_propose(
            customer=customer, amount=Decimal("50000"), proposed_by=manager, valid_from=DAY
        )
        lines.append(credit_line_approve(line=line, approver=head, now=AFTER_WINDOW))
    with leaves_history(None, codes={"job.expire_credit_lines"}):
        assert credit_lines_expire(on=lines[0].valid_until + datetime.timedelta(days=1)) == 2
    for line in lines:
        last = line.history.first()
        assert last.status == "expired" and last.history_user is None
        assert last.history_change_reason == "job.expire_credit_lines"


def test_village_batch_services(manager, head):
    people = [household(manager, name=n) for n in ("张大山", "李二牛")]
    with leaves_history(manager, codes={"customers.village_open"}):
        village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    scores = {c.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 95) for c in people}
    with leaves_history(manager):
        batch = village_batch_rate(village=village, scores=scores, rated_by=manager, on=DAY)
    with leaves_history(manager, codes={"customers.batch_publish"}):
        village_batch_publish(batch=batch, published_by=manager, on=DAY)
    first, second = batch.entries.order_by("pk")
    with leaves_history(manager, codes={"customers.entry_object"}):
        village_batch_object(entry=first, objection="有未还借款", recorded_by=manager, on=DAY)
    with leaves_history(head):
        village_batch_make_effective(batch=batch, approver=head, now=AFTER_WINDOW)
    with leaves_history(head, codes={"customers.entry_upheld", "customers.line_objection_upheld"}):
        village_batch_resolve(entry=first, upheld=True, resolution="核实属实", resolved_by=head)
    assert second.credit_line.history.first().history_change_reason == (
        "customers.batch_line_effective"
    )


def test_every_demo_history_row_has_a_registered_reason(bank):
    demo.seed()
    known = known_reason_codes()
    for model in _history_models():
        codes = set(model.history.values_list("history_change_reason", flat=True))
        bad = {c for c in codes if decode_reason(c)[0] not in known}
        assert not bad, (model.__name__, bad)
    assert apps.get_model("customers", "Customer").history.exists()
