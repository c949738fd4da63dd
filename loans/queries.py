"""Reads of origination that are more than one QuerySet method: who may help investigate,
what an application page shows."""

from __future__ import annotations

from creditdesk.models import Branch, User, UserQuerySet
from loans.models import LoanApplication


def branch_root_path(branch: Branch) -> str:
    """The path of the branch (支行) that ``branch`` belongs to: an outlet's parent branch,
    a branch itself ("/HO/B01/O011/" → "/HO/B01/")."""
    parts = [part for part in branch.path.split("/") if part][:2]
    return "/" + "/".join(parts) + "/"


def second_investigator_candidates(application: LoanApplication) -> UserQuerySet:
    """Who may be the second investigator (双人调查): an active account manager of the
    customer's branch or one of its outlets — staff in that branch head's scope. The lead
    investigator is excluded by the caller (it is the user who starts the investigation)."""
    root = branch_root_path(application.customer.branch)
    return (
        User.objects.active_managers()
        .filter(branch__path__startswith=root)
        .select_related("branch")
        .order_by("username")
    )
