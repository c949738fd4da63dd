"""Who sees what, in one place.

Every domain model's QuerySet has ``visible_to(user)``, built from :func:`scope_q` with the
model's own path to its branch and to its responsible manager. Web views and API views both
start from ``Model.objects.visible_to(request.user)``, so a record outside the user's scope is
simply not found (404), never merely hidden by a template.

- account manager: the records of their own customers
- branch head: their branch and every outlet below it
- credit committee, auditor, administrator: the whole bank (auditors read-only)
"""

from __future__ import annotations

from django.db.models import Q

from creditdesk.roles import BANK_WIDE_ROLES, Role

NOTHING = Q(pk__in=[])


def scope_q(user, *, branch: str, manager: str | None) -> Q:
    """The filter of the records ``user`` may read.

    ``branch`` is the lookup path from the model to its Branch ("" for Branch itself,
    "branch" for a customer, "customer__branch" for an application); ``manager`` the path to
    the responsible account manager, or None where the model has no manager (then managers
    see their own branch's rows, as for reference data such as branches).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.role in BANK_WIDE_ROLES or user.is_superuser:
        return Q()
    prefix = f"{branch}__" if branch else ""
    if user.role == Role.BRANCH_HEAD:
        return Q(**{f"{prefix}path__startswith": user.branch.path})
    if user.role == Role.MANAGER:
        if manager is None:
            return Q(**{f"{prefix}path__startswith": user.branch.path})
        return Q(**{manager: user})
    return NOTHING


def can_write(user) -> bool:
    """Whether the user may change records at all (auditors never do)."""
    return bool(user and user.is_authenticated and user.is_active and not user.is_read_only)
