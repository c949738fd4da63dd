"""The activity page speaks the bank's language: labels, names, money, reasons, deleted records."""

from creditdesk.models import AuthorityLimit, Branch, BranchKind, Role
from creditdesk.services import branch_save


def _change_limit(client, row, amount):
    return client.post(
        f"/admin/creditdesk/authoritylimit/{row.pk}/change/",
        {
            "role": row.role,
            "grade": row.grade,
            "max_loan_amount": amount,
            "max_credit_line": str(row.max_credit_line),
        },
    )


def test_activity_shows_money_as_money_and_the_reason_label(bank, client_for, admin_user, auditor):
    row = AuthorityLimit.objects.get(role=Role.BRANCH_HEAD, grade=2)
    assert _change_limit(client_for(admin_user), row, "450000.00").status_code == 302

    html = client_for(auditor).get(f"/activity/creditdesk/authoritylimit/{row.pk}/").content
    html = html.decode()
    assert "500,000.00" in html and "450,000.00" in html
    assert "管理后台修改" in html
    assert "admin.change" not in html  # the code is never shown


def test_activity_shows_people_and_branches_by_name_not_id(bank, client_for, admin_user, auditor):
    manager = auditor.__class__.objects.get(username="manager2")
    manager.branch = bank["B02"]
    manager._history_user = admin_user
    manager._change_reason = "admin.change"
    manager.save()

    html = client_for(auditor).get(f"/activity/creditdesk/user/{manager.pk}/").content.decode()
    assert "东街分理处" in html and "河口支行" in html
    assert f'→ <span class="text-success">{bank["B02"].pk}</span>' not in html


def test_activity_reasons_follow_the_readers_language(bank, client_for, admin_user, auditor):
    row = AuthorityLimit.objects.get(role=Role.BRANCH_HEAD, grade=2)
    _change_limit(client_for(admin_user), row, "450000.00")
    client = client_for(auditor)
    html = client.get(
        f"/activity/creditdesk/authoritylimit/{row.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Changed in the admin site" in html
    assert "管理后台修改" not in html


def test_auditor_opens_the_history_of_a_deleted_record(bank, client_for, admin_user, auditor, head):
    branch = Branch(code="B03", name="新建支行", kind=BranchKind.BRANCH, parent=bank["HO"])
    branch_save(branch=branch, by=admin_user)
    pk = branch.pk
    response = client_for(admin_user).post(
        f"/admin/creditdesk/branch/{pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Branch.objects.filter(pk=pk).exists()

    response = client_for(auditor).get(f"/activity/creditdesk/branch/{pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "新建支行" in html and "已删除" in html
    assert "管理后台删除" in html
    # Outside the bank-wide readers, a deleted record is simply not there.
    assert client_for(head).get(f"/activity/creditdesk/branch/{pk}/").status_code == 404


def test_times_in_changes_are_shown_in_the_banks_time_zone():
    import datetime

    from creditdesk.audit import _display
    from creditdesk.models import User

    utc_evening = datetime.datetime(2026, 11, 24, 16, 30, tzinfo=datetime.UTC)
    shown = _display(User._meta.get_field("last_login"), utc_evening, {})
    assert shown == "2026-11-25 00:30"  # Asia/Shanghai, the time the staff saw
