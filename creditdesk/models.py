"""Organisation and people: branches, staff with one role each, the authority table."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.roles import APPROVER_ROLES, BANK_WIDE_ROLES, Role
from creditdesk.scoping import scope_q

__all__ = [
    "APPROVER_ROLES",
    "BANK_WIDE_ROLES",
    "AuthorityLimit",
    "Branch",
    "Notification",
    "Role",
    "User",
]


class BranchKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("总行")
    BRANCH = "branch", _("支行")
    OUTLET = "outlet", _("网点")


class BranchQuerySet(models.QuerySet):
    def visible_to(self, user) -> BranchQuerySet:
        return self.filter(scope_q(user, branch="", manager=None))

    def below(self, branch: Branch) -> BranchQuerySet:
        """The branch itself and every branch or outlet under it."""
        return self.filter(path__startswith=branch.path)


class Branch(models.Model):
    """A node of the bank's tree: head office (总行) → branches (支行) → outlets (网点)."""

    code = models.CharField(_("机构代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("层级"), max_length=20, choices=BranchKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path ("/HO/B01/O011/"): scoping a branch head to their subtree is then one
    # indexed prefix filter instead of a recursive query.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    # A loan of at least this outstanding balance is "large" (大额) for the nightly job's flag:
    # 100,000 yuan unless the branch chooses lower (50,000 in some).
    large_loan_threshold = models.DecimalField(
        _("大额贷款标准（元）"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("100000.00"),
        validators=[MinValueValidator(Decimal("1.00"))],
    )

    objects = BranchQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="head_office", parent__isnull=True)
                | (~Q(kind="head_office") & Q(parent__isnull=False)),
                name="branch_only_head_office_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def computed_path(self) -> str:
        return (self.parent.path if self.parent else "/") + f"{self.code}/"

    def clean(self) -> None:
        node = self.parent
        while node is not None and self.pk is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("上级机构不能是本机构或其下级机构。")})
            node = node.parent


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> UserQuerySet:
        """The one "staff in my scope": a head's branch and outlets, a manager's own branch
        (or outlet), the whole bank for bank-wide roles."""
        return self.filter(scope_q(user, branch="branch", manager=None))

    def active_managers(self) -> UserQuerySet:
        return self.filter(role=Role.MANAGER, is_active=True)

    def heads_over(self, branch: Branch) -> list[User]:
        """The nearest active branch heads whose scope holds ``branch`` (an outlet's head is
        its branch's): whose turn it is when something there awaits a decision."""
        parts = [part for part in branch.path.split("/") if part]
        paths = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
        heads = list(
            self.filter(role=Role.BRANCH_HEAD, is_active=True, branch__path__in=paths)
            .select_related("branch")
            .order_by("pk")
        )
        nearest = max((len(head.branch.path) for head in heads), default=0)
        return [head for head in heads if len(head.branch.path) == nearest]

    def committee_members(self) -> UserQuerySet:
        return self.filter(role=Role.COMMITTEE, is_active=True).order_by("pk")


class StaffManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A member of staff: one role, one branch, and for managers and approvers a grade."""

    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="staff"
    )
    grade = models.PositiveSmallIntegerField(
        _("等级"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("客户经理与审批人的等级（等级营销制），决定审批与授信权限。"),
    )
    phone = models.CharField(_("手机"), max_length=20, blank=True)
    # API tokens issued before this moment are dead (creditdesk.auth).
    password_changed_at = models.DateTimeField(
        _("密码修改时间"), null=True, blank=True, editable=False
    )

    objects = StaffManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    REQUIRED_FIELDS = ["email", "name", "role", "branch"]

    class Meta:
        verbose_name = _("员工")
        verbose_name_plural = _("员工")
        ordering = ["branch__path", "username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=1, grade__lte=9),
                name="user_grade_in_range",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="user_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name or self.username

    def set_password(self, raw_password) -> None:
        # Every path that changes a password (the password page, the admin, changepassword,
        # the demo) comes here, so the tokens it issued before die with the old password.
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self.password_changed_at = timezone.now()

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_branch_head(self) -> bool:
        return self.role == Role.BRANCH_HEAD

    @property
    def is_committee(self) -> bool:
        return self.role == Role.COMMITTEE

    @property
    def is_auditor(self) -> bool:
        return self.role == Role.AUDITOR

    @property
    def is_read_only(self) -> bool:
        """Auditors read everything and change nothing."""
        return self.role == Role.AUDITOR


class AuthorityLimitQuerySet(models.QuerySet):
    def visible_to(self, user) -> AuthorityLimitQuerySet:
        # Reference data: every signed-in member of staff reads the authority table.
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self

    def for_user(self, user) -> AuthorityLimit | None:
        """The row that applies to the user: their role and grade, else their role's default."""
        rows = {row.grade: row for row in self.filter(role=user.role)}
        return rows.get(user.grade) or rows.get(None)


class AuthorityLimit(models.Model):
    """Authority table (授权表): the most a role and grade may approve, edited by administrators."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    grade = models.PositiveSmallIntegerField(
        _("等级"), null=True, blank=True, help_text=_("留空表示该角色各等级通用。")
    )
    max_loan_amount = models.DecimalField(
        _("单笔贷款审批上限（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    max_credit_line = models.DecimalField(
        _("授信额度审批上限（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )

    objects = AuthorityLimitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审批权限")
        verbose_name_plural = _("审批权限表")
        ordering = ["role", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "grade"],
                name="authority_unique_role_grade",
                condition=Q(grade__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["role"],
                name="authority_unique_role_default",
                condition=Q(grade__isnull=True),
            ),
            models.CheckConstraint(
                condition=Q(max_loan_amount__gte=0) & Q(max_credit_line__gte=0),
                name="authority_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        grade = self.grade if self.grade is not None else "*"
        return f"{self.get_role_display()} / {grade}"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """One's own notices only: a task landed on *this* person, nobody else reads it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient=user)

    def open(self) -> NotificationQuerySet:
        return self.filter(done_at__isnull=True)


class Notification(models.Model):
    """An in-app notice (待办提醒): a task has landed on the recipient, cleared when it is done.

    Not a domain record (no history): the services that create and complete the task write it
    through ``creditdesk.notifications``.
    """

    recipient = models.ForeignKey(
        User,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # "<app>.<event>", labelled by the app's notices.NoticeKind (creditdesk.notifications).
    kind = models.CharField(_("类型"), max_length=64)
    label = models.CharField(_("事项"), max_length=200)
    url = models.CharField(_("链接"), max_length=300)
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("待办提醒")
        verbose_name_plural = _("待办提醒")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "created_at"], name="notification_inbox"),
            # resolve() finds a record's open notices by key when its task is done.
            models.Index(
                fields=["key"], condition=Q(done_at__isnull=True), name="notification_open_key"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=Q(done_at__isnull=True),
                name="notification_one_open_per_key",
            ),
        ]

    def __str__(self) -> str:
        return self.label
