"""Moving a branch moves its whole subtree: paths, and so who sees whose records."""

import pytest
from django.core.exceptions import ValidationError

from creditdesk.models import Branch, User
from creditdesk.services import branch_save


def test_moving_a_branch_repaths_its_outlets_and_moves_scope(bank, head, other_head, admin_user):
    b01, b02 = bank["B01"], bank["B02"]
    b01.parent = b02
    branch_save(branch=b01, by=admin_user)

    outlet = Branch.objects.get(code="B01-1")
    assert b01.path == "/HO/B02/B01/"
    assert outlet.path == "/HO/B02/B01/B01-1/"
    # The head of B02 now sees the staff of the moved branch and of its outlet.
    seen_by_other_head = set(User.objects.visible_to(other_head).values_list("username", flat=True))
    assert {"head1", "manager1", "manager2"} <= seen_by_other_head
    # The head of B01 (as the next request loads them) still sees their outlet, and nothing
    # of B02's own staff.
    head = User.objects.select_related("branch").get(pk=head.pk)
    seen_by_head = set(User.objects.visible_to(head).values_list("username", flat=True))
    assert "manager2" in seen_by_head
    assert "manager3" not in seen_by_head


def test_each_moved_branch_keeps_history_of_its_new_path(bank, admin_user):
    b01 = bank["B01"]
    b01.parent = bank["B02"]
    branch_save(branch=b01, by=admin_user)
    latest = Branch.objects.get(code="B01-1").history.latest()
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "creditdesk.branch_repath"


def test_a_branch_cannot_move_under_its_own_outlet(bank, admin_user):
    b01 = bank["B01"]
    b01.parent = Branch.objects.get(code="B01-1")
    with pytest.raises(ValidationError):
        branch_save(branch=b01, by=admin_user)
    assert Branch.objects.get(code="B01").path == "/HO/B01/"


def test_admin_moves_a_branch_with_its_subtree(bank, client_for, admin_user):
    b01 = bank["B01"]
    response = client_for(admin_user).post(
        f"/admin/creditdesk/branch/{b01.pk}/change/",
        {
            "code": "B01",
            "name": b01.name,
            "kind": b01.kind,
            "parent": bank["B02"].pk,
            "large_loan_threshold": b01.large_loan_threshold,
        },
    )
    assert response.status_code == 302
    assert Branch.objects.get(code="B01-1").path == "/HO/B02/B01/B01-1/"
