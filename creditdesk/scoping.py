"""Who sees what, in one place.

Every domain model's QuerySet has ``visible_to(user)``, built from :func:`scope_q` with the
model's own path to its branch and to its responsible manager. Web views and API views both
start from ``Model.objects.visible_to(request.user)``, so a record outside the user's scope is
simply not found (404), never merely hidden by a template.

- account manager: the records of their own customers
- branch head: their branch and every outlet below it
- credit committee, auditor, administrator: the whole bank (auditors read-only)

The filters are written for the planner as much as for the reader: a branch head's is the
record's own branch column against the ids of the branches below theirs
(``branch_id = ANY(ARRAY(SELECT id FROM branch WHERE path LIKE '/HO/B01/%'))``), so an index
on that column serves it and no join to the branch table is needed to decide it; a manager's
is the record's own manager column. Where a manager's rows come from several places (an
application: their customers', the ones they created, the ones they help to investigate) the
scope is :func:`in_set` of a UNION of indexed id sets.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import F, Lookup, Q

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
    if user.role == Role.BRANCH_HEAD or (user.role == Role.MANAGER and manager is None):
        if not branch:
            return Q(path__startswith=user.branch.path)
        return in_set(branch, branches_below(user.branch))
    if user.role == Role.MANAGER:
        return Q(**{manager: user})
    return NOTHING


def branches_below(branch):
    """The ids of ``branch`` and every branch or outlet under it, as a subquery (a few
    hundred rows at most: the branch tree of one bank)."""
    model = apps.get_model("creditdesk", "Branch")
    return model.objects.filter(path__startswith=branch.path).order_by().values("pk")


def can_write(user) -> bool:
    """Whether the user may change records at all (auditors never do)."""
    return bool(user and user.is_authenticated and user.is_active and not user.is_read_only)


class _InSet(Lookup):
    """``column IN (subquery)``; on PostgreSQL ``column = ANY(ARRAY(subquery))``, which the
    planner evaluates once and then looks up by index (a bitmap or index scan on the column):
    the cost is the size of the set, never the size of the table. (As a semi-join the planner
    hash-joins the set against a sequential scan of the whole table once the set is a few
    hundred rows.)"""

    lookup_name = "in_set"
    prepare_rhs = False

    def _sides(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        if not rhs.startswith("("):
            rhs = f"({rhs})"
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


def in_set(path: str, ids) -> Q:
    """Rows whose ``path`` (``"pk"``, ``"application__pk"``) is one of the ids the queryset
    ``ids`` selects (one column; a UNION is welcome)."""
    return Q(_InSet(F(path), ids.query if hasattr(ids, "query") else ids))
