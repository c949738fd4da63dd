"""The audited write path: single saves, bulk writes and set-based updates all leave history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from creditdesk.history import (
    CHUNK,
    audited_bulk_update,
    audited_save,
    audited_update,
    decode_reason,
    encode_reason,
    reason_text,
)
from creditdesk.models import AuthorityLimit, Role, User
from creditdesk.reasons import AdminReason


def test_reason_is_stored_as_a_code_with_the_typed_note():
    stored = encode_reason(AdminReason.CHANGE, note="  客户  要求 ")
    assert stored == "admin.change|客户 要求"
    assert decode_reason(stored) == ("admin.change", "客户 要求")
    assert reason_text(stored) == "管理后台修改：客户 要求"


def test_an_unknown_code_is_shown_as_it_is_rather_than_lost():
    assert reason_text("old.free text") == "old.free text"
    assert reason_text(None) == ""


def test_audited_save_validates_and_records_who_and_why(bank, admin_user):
    row = AuthorityLimit.objects.get(role=Role.COMMITTEE)
    row.max_loan_amount = Decimal("-1")
    with pytest.raises(ValidationError):
        audited_save(row, by=admin_user, reason=AdminReason.CHANGE)
    row.max_loan_amount = Decimal("6000000.00")
    audited_save(row, by=admin_user, reason=AdminReason.CHANGE)
    latest = row.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (admin_user, "admin.change")


def test_bulk_update_writes_one_history_row_per_record(bank, admin_user):
    rows = list(AuthorityLimit.objects.filter(role=Role.BRANCH_HEAD))
    for row in rows:
        row.max_credit_line += 1
    before = AuthorityLimit.history.count()
    audited_bulk_update(
        AuthorityLimit, rows, ["max_credit_line"], by=admin_user, reason=AdminReason.CHANGE
    )
    assert AuthorityLimit.history.count() == before + len(rows)


def test_set_based_update_leaves_history_for_exactly_the_rows_it_changed(bank, admin_user):
    before = User.history.count()
    changed = audited_update(
        User.objects.filter(role=Role.MANAGER), by=None, reason=AdminReason.CHANGE, phone="110"
    )
    assert changed == 3
    assert User.history.count() == before + 3
    rows = User.history.filter(history_change_reason="admin.change", phone="110")
    assert rows.count() == 3 and all(r.history_user is None for r in rows)


def test_set_based_update_works_in_chunks(bank, monkeypatch):
    monkeypatch.setattr("creditdesk.history.CHUNK", 2)
    assert CHUNK > 2  # (the real chunk is bigger; this test forces several chunks)
    before = User.history.count()
    changed = audited_update(User.objects.all(), by=None, reason=AdminReason.CHANGE, phone="1")
    assert changed == User.objects.count() == 9
    assert User.history.count() == before + 9


def test_branch_save_records_who_and_why(bank, admin_user):
    from creditdesk.models import Branch
    from creditdesk.services import branch_save

    branch = Branch.objects.get(code="B02-1")
    branch.name = "桥头分理处（新址）"
    branch_save(branch=branch, by=admin_user)
    latest = branch.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        admin_user,
        "creditdesk.branch_save",
    )
