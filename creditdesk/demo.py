"""Demo organisation: head office, two branches with an outlet each, staff of every role,
and the authority table. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

from creditdesk.history import audited_save
from creditdesk.models import AuthorityLimit, Branch, BranchKind, Role, User
from creditdesk.reasons import OrganisationReason
from creditdesk.services import branch_save

DEMO_PASSWORD = "creditdesk-demo"  # noqa: S105 - demo data only, printed on purpose

BRANCHES = [
    # code, name, kind, parent code
    ("HO", "青禾农商银行总行", BranchKind.HEAD_OFFICE, None),
    ("B01", "城关支行", BranchKind.BRANCH, "HO"),
    ("B01-1", "东街分理处", BranchKind.OUTLET, "B01"),
    ("B02", "河口支行", BranchKind.BRANCH, "HO"),
    ("B02-1", "桥头分理处", BranchKind.OUTLET, "B02"),
]

#: Large loans are watched from 100,000 yuan by default; 城关支行 has the capacity to watch them
#: from 50,000 (DOMAIN.md, post-loan), which the nightly job reads per branch.
LARGE_LOAN_THRESHOLDS = {"B01": Decimal("50000.00")}

STAFF = [
    # username, name, role, branch code, grade
    ("admin", "系统管理员", Role.ADMIN, "HO", None),
    ("auditor", "孙审计", Role.AUDITOR, "HO", None),
    ("committee1", "周委员", Role.COMMITTEE, "HO", 1),
    ("committee2", "吴委员", Role.COMMITTEE, "HO", 1),
    ("head1", "陈行长", Role.BRANCH_HEAD, "B01", 2),
    ("head2", "刘行长", Role.BRANCH_HEAD, "B02", 1),
    ("manager1", "李客户经理", Role.MANAGER, "B01", 3),
    ("manager2", "王客户经理", Role.MANAGER, "B01-1", 1),
    ("manager3", "赵客户经理", Role.MANAGER, "B02", 2),
]

# role, grade (None = every grade of the role), max loan, max credit line — yuan
AUTHORITY = [
    (Role.MANAGER, None, "0.00", "0.00"),
    (Role.BRANCH_HEAD, 1, "300000.00", "200000.00"),
    (Role.BRANCH_HEAD, 2, "500000.00", "300000.00"),
    (Role.BRANCH_HEAD, 3, "1000000.00", "500000.00"),
    (Role.COMMITTEE, None, "5000000.00", "3000000.00"),
]


def seed(*, stdout=None) -> None:
    branches: dict[str, Branch] = {}
    for code, name, kind, parent in BRANCHES:
        branch = Branch.objects.filter(code=code).first() or Branch(code=code)
        threshold = LARGE_LOAN_THRESHOLDS.get(
            code, Branch._meta.get_field("large_loan_threshold").default
        )
        if (branch.name, branch.kind, branch.parent_id, branch.large_loan_threshold) != (
            name,
            kind,
            getattr(branches.get(parent), "pk", None),
            threshold,
        ):
            branch.name, branch.kind, branch.parent = name, kind, branches.get(parent)
            branch.large_loan_threshold = threshold
            branch_save(branch=branch, by=None, reason=OrganisationReason.DEMO)
        branches[code] = branch
    for username, name, role, branch, grade in STAFF:
        user = User.objects.filter(username=username).first() or User(username=username)
        wanted = {
            "name": name,
            "role": role,
            "branch_id": branches[branch].pk,
            "grade": grade,
            "email": f"{username}@demo.creditdesk.local",
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
        }
        if user.pk is None or any(getattr(user, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(user, key, value)
            if user.pk is None:
                user.set_password(DEMO_PASSWORD)
            audited_save(user, by=None, reason=OrganisationReason.DEMO, clean=False)
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            audited_save(user, by=None, reason=OrganisationReason.DEMO, clean=False)
    for role, grade, loan, line in AUTHORITY:
        if not AuthorityLimit.objects.filter(role=role, grade=grade).exists():
            row = AuthorityLimit(
                role=role, grade=grade, max_loan_amount=Decimal(loan), max_credit_line=Decimal(line)
            )
            audited_save(row, by=None, reason=OrganisationReason.DEMO)


def logins() -> list[tuple[str, str, str]]:
    """(username, role, branch) of every demo login, for printing."""
    users = User.objects.filter(username__in=[s[0] for s in STAFF]).select_related("branch")
    return [(u.username, str(u.get_role_display()), u.branch.name) for u in users]
