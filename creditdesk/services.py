"""Changes to the organisation: branches move as whole subtrees."""

from __future__ import annotations

from django.db import transaction

from creditdesk.history import audited_bulk_update, audited_save
from creditdesk.models import Branch, User
from creditdesk.reasons import OrganisationReason


@transaction.atomic
def branch_save(
    *, branch: Branch, by: User | None, reason=OrganisationReason.BRANCH_SAVE
) -> Branch:
    """Create or change a branch; a new parent or code re-paths every branch below it.

    Scoping reads the materialised path, so a stale path under a moved branch would put its
    outlets' records in the wrong head's scope: the subtree moves in the same transaction.
    """
    old_path = None
    if branch.pk is not None:
        old_path = (
            Branch.objects.select_for_update().values_list("path", flat=True).get(pk=branch.pk)
        )
    branch.path = branch.computed_path()
    audited_save(branch, by=by, reason=reason)
    if old_path and old_path != branch.path:
        below = list(
            Branch.objects.select_for_update()
            .filter(path__startswith=old_path)
            .exclude(pk=branch.pk)
            .order_by("path")
        )
        for node in below:
            node.path = branch.path + node.path[len(old_path) :]
        audited_bulk_update(Branch, below, ["path"], by=by, reason=OrganisationReason.BRANCH_REPATH)
    return branch
