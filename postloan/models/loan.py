"""The loan account (借据) and its repayment schedule (还款计划), owned by post-loan from the
day of disbursement."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Reverse, Upper
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import in_set, scope_q
from creditdesk.validators import reasonable_date
from customers.models import CreditLine, Customer
from loans.models import MONEY, RATE, ZERO, LoanApplication
from loans.schedules import RepaymentMethod
from postloan.models.categories import LoanClass, Restructure


def scoped(user, prefix: str = "") -> Q:
    """The loan's own branch and manager columns: no join through the customer."""
    return scope_q(user, branch=f"{prefix}branch", manager=f"{prefix}manager")


#: A search matching at most this many loans is answered from their ids (``search``).
SEARCH_IDS_UP_TO = 2000


def looks_like_contract_number(text: str) -> bool:
    """Whether the search text could be part of a contract number (``BK01-2026-000123``:
    ``loans.services.next_contract_number``): three characters or more, ASCII, no space. A
    name never is, and a shorter fragment would match most of the ledger."""
    return len(text) >= 3 and text.isascii() and not any(c.isspace() for c in text)


def contract_number_q(text: str) -> Q:
    """Contract numbers that begin or end with ``text``, case aside: how a number is quoted
    (whole, its branch-and-year beginning, or its sequence number at the end). Each side is
    one range of a B-tree index on PostgreSQL (migration ``0009_contract_number_trigram``:
    ``UPPER(contract_number)`` and ``REVERSE(UPPER(contract_number))``). A fragment from the
    middle is not searched: "contains" needs a trigram index, and numbers are made of so
    few distinct trigrams (``000``, ``001``…) that six digits read a third of the ledger."""
    upper = text.upper()
    return Q(contract_number__istartswith=text) | Q(
        StartsWith(Reverse(Upper("contract_number")), upper[::-1])
    )


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("正常还款中")
    SETTLED = "settled", _("已结清")
    WRITTEN_OFF = "written_off", _("已核销")


#: A loan off the quiet path (overdue now or before, in arrears, at a floor below normal,
#: restructured): with the large-flag mismatches, the only loans whose stored state the
#: nightly job can change (``postloan.nightly.state``; the partial index below).
EXCEPTIONAL = (
    Q(overdue_since__isnull=False)
    | ~Q(days_past_due=0)
    | ~Q(interest_arrears=0)
    | ~Q(classification_floor=LoanClass.NORMAL)
    | ~Q(restructure=Restructure.NONE)
)


class LoanQuerySet(models.QuerySet):
    def visible_to(self, user) -> LoanQuerySet:
        return self.filter(scoped(user))

    def active(self) -> LoanQuerySet:
        return self.filter(status=LoanStatus.ACTIVE)

    def outstanding_total(self) -> Decimal:
        """Principal still owed on the active loans of this queryset."""
        total = self.active().aggregate(total=Sum("outstanding_principal"))["total"]
        return total if total is not None else ZERO

    def overdue(self, *, on: datetime.date) -> LoanQuerySet:
        """Loans with an instalment due before ``on`` and not fully paid."""
        return self.active().filter(next_due_date__lt=on)

    def search(self, text: str, user=None) -> LoanQuerySet:
        """The ledger's search box: a contract number, or the customer's name, ID number or
        phone (``Customer.objects.search``); ``user``, when given, is whose ledger it is.

        Its cost is the matches', not the ledger's. One query reads the ids of the matching
        loans: those of the matching customers (``customer_id`` indexed; only the customers
        ``user`` sees, so a manager's search reads his book, not the bank's) UNION those whose
        contract number begins or ends with the text (``contract_number_q``: B-tree indexes on
        PostgreSQL). Up to ``SEARCH_IDS_UP_TO`` of them, the result is the loans with those
        ids: the page, the count and the totals then read only them.
        (Written as ``contract … OR customer_id IN …`` the OR kept either index from serving
        it, and every one of those three queries scanned the scope in ledger order.) Beyond,
        the text is so common that the ledger's own order finds a page of matches at once, and
        the condition is the plain OR. A loan's branch and manager are its customer's
        (``loans_follow_customers``), so limiting the customers to ``user``'s scope drops no
        loan he may see."""
        text = (text or "").strip()
        if not text:
            return self
        customers = Customer.objects.search(text)
        if user is not None:
            customers = customers.visible_to(user)
        customers = customers.order_by().values("pk")
        among = self.order_by()
        found = among.filter(in_set("customer", customers)).values("pk")
        by_contract = Q(pk__in=[])
        if looks_like_contract_number(text):
            by_contract = contract_number_q(text)
            # ALL: no de-duplication, so that a common text stops at the limit.
            found = found.union(among.filter(by_contract).values("pk"), all=True)
        rows = [row["pk"] for row in found[: SEARCH_IDS_UP_TO + 1]]
        if len(rows) <= SEARCH_IDS_UP_TO:  # every match read (a loan may come twice)
            return self.filter(pk__in=set(rows))
        return self.filter(by_contract | in_set("customer", customers))

    def totals(self) -> dict:
        """``count`` of the loans and ``balance``, the principal outstanding on the active ones,
        in one aggregate query."""
        totals = self.aggregate(
            count=Count("pk"),
            balance=Sum("outstanding_principal", filter=Q(status=LoanStatus.ACTIVE)),
        )
        return {"count": totals["count"], "balance": totals["balance"] or ZERO}


class Loan(models.Model):
    """A disbursed loan (借据) under a signed contract."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.PROTECT, related_name="loan"
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="loans"
    )
    credit_line = models.ForeignKey(
        CreditLine,
        verbose_name=_("授信额度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    # Who answers for the loan, copied from the customer when the loan is opened and kept
    # equal to the customer's by ``loans_follow_customers`` when customers are reassigned:
    # scoping, the nightly job and dashboards then read the loan's own indexed columns.
    branch = models.ForeignKey(
        Branch, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管户客户经理"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contract_number = models.CharField(_("合同编号"), max_length=30, unique=True)
    principal = models.DecimalField(_("贷款金额（元）"), **MONEY)
    annual_rate = models.DecimalField(_("年利率（%）"), **RATE)
    term_months = models.PositiveSmallIntegerField(_("期限（月）"))
    repayment_method = models.CharField(
        _("还款方式"), max_length=30, choices=RepaymentMethod.choices
    )
    disbursed_on = models.DateField(_("放款日"), validators=[reasonable_date])
    maturity_date = models.DateField(_("到期日"))
    status = models.CharField(
        _("状态"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.ACTIVE
    )
    outstanding_principal = models.DecimalField(_("贷款余额（元）"), **MONEY)
    paid_through = models.DateField(_("已还至"), null=True, blank=True)
    next_due_date = models.DateField(_("下次应还日"), null=True, blank=True)
    # The due date of the oldest unpaid instalment once it has passed: a date rather than a
    # day count, so that days past due need no nightly rewrite.
    overdue_since = models.DateField(_("逾期起始日"), null=True, blank=True)
    settled_on = models.DateField(_("结清日"), null=True, blank=True)
    # Written by the nightly job (postloan.nightly) as of ``last_job_date``, read by set-based
    # work (alerts, dashboards, worklists). Pages and the API show the figures as of today
    # instead (``days_past_due_on``, ``interest_arrears_on``).
    days_past_due = models.PositiveIntegerField(_("逾期天数"), default=0)
    interest_arrears = models.DecimalField(_("欠息（元）"), default=ZERO, **MONEY)
    is_large = models.BooleanField(_("大额贷款"), default=False)
    # The category (五级分类) is the worse of the floor the days past due set and the last
    # judgement; the job only ever moves it down to the floor, never up (an upgrade is a
    # proposal the branch head approves: postloan.services.classification).
    classification = models.CharField(
        _("五级分类"), max_length=20, choices=LoanClass.choices, default=LoanClass.NORMAL
    )
    classification_floor = models.CharField(
        _("分类下限"), max_length=20, choices=LoanClass.choices, default=LoanClass.NORMAL
    )
    restructure = models.CharField(
        _("重组标识"), max_length=20, choices=Restructure.choices, default=Restructure.NONE
    )
    observation_until = models.DateField(_("观察期至"), null=True, blank=True)
    last_job_date = models.DateField(_("批处理更新日"), null=True, blank=True)
    # The inspection plan (贷后检查计划), kept by ``postloan.services.inspections``: set when
    # the loan is opened and when an inspection is submitted, moved forward by the nightly
    # replan when a loan falls overdue or turns large. Set-based work reads it (the worklist,
    # the "inspection overdue" alert: ``next_inspection_due < today``).
    last_inspected_on = models.DateField(_("上次检查日"), null=True, blank=True)
    next_inspection_due = models.DateField(_("下次检查到期日"), null=True, blank=True)

    objects = LoanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷款")
        verbose_name_plural = _("贷款")
        ordering = ["-disbursed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
            models.CheckConstraint(
                condition=Q(outstanding_principal__gte=0)
                & Q(outstanding_principal__lte=models.F("principal")),
                name="loan_outstanding_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LoanStatus.values), name="loan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(repayment_method__in=RepaymentMethod.values),
                name="loan_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(classification__in=LoanClass.values)
                & Q(classification_floor__in=LoanClass.values),
                name="loan_classification_valid",
            ),
            models.CheckConstraint(
                condition=Q(restructure__in=Restructure.values), name="loan_restructure_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_due_date"]),
            models.Index(fields=["branch", "status"]),
            models.Index(fields=["manager", "status"]),
            models.Index(fields=["manager", "next_inspection_due"]),
            # The nightly job: the loans it changed today, those maturing soon.
            models.Index(fields=["last_job_date"], name="loan_last_job_date"),
            models.Index(fields=["maturity_date"], name="loan_maturity"),
            models.Index(fields=["next_inspection_due"], name="loan_next_inspection"),
            # The nightly job's candidates (postloan.nightly.state): the few loans whose state
            # can change tonight, found without reading the portfolio.
            models.Index(fields=["id"], condition=EXCEPTIONAL, name="loan_nightly_exceptional"),
            models.Index(
                fields=["branch", "outstanding_principal"],
                condition=Q(status=LoanStatus.ACTIVE, is_large=False),
                name="loan_nightly_not_large",
            ),
            models.Index(
                fields=["branch", "outstanding_principal", "status", "id"],
                condition=Q(is_large=True),
                name="loan_nightly_large",
            ),
            # The ledger's order, bank-wide and after a branch or manager scope.
            models.Index(fields=["-disbursed_on", "-id"], name="loan_list"),
            models.Index(fields=["branch", "-disbursed_on", "-id"], name="loan_branch_list"),
            models.Index(fields=["manager", "-disbursed_on", "-id"], name="loan_manager_list"),
            models.Index(fields=["status", "-disbursed_on", "-id"], name="loan_status_list"),
        ]

    def __str__(self) -> str:
        return self.contract_number

    def get_absolute_url(self) -> str:
        return reverse("postloan:loan_detail", args=[self.pk])

    def overdue_since_on(self, on: datetime.date | None = None) -> datetime.date | None:
        """The oldest unpaid instalment's due date once passed, as of ``on`` (today): right
        even before the nightly job has run, since repayments keep ``next_due_date``."""
        if self.status != LoanStatus.ACTIVE or self.next_due_date is None:
            return None
        on = on or timezone.localdate()
        return self.next_due_date if self.next_due_date < on else None

    def days_past_due_on(self, on: datetime.date | None = None) -> int:
        """Days past due as of ``on`` (today); the stored ``days_past_due`` is last night's."""
        on = on or timezone.localdate()
        since = self.overdue_since_on(on)
        return (on - since).days if since else 0

    def interest_arrears_on(self, on: datetime.date | None = None) -> Decimal:
        """Interest fallen due before ``on`` (today) and not paid (欠息), from the schedule
        (prefetched instalments are used when there)."""
        on = on or timezone.localdate()
        if not self.days_past_due_on(on):
            return ZERO
        return sum(
            (i.interest_due - i.interest_paid for i in self.instalments.all() if i.due_date < on),
            ZERO,
        )


class InstalmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> InstalmentQuerySet:
        return self.filter(scoped(user, "loan__"))


class Instalment(models.Model):
    """One instalment of a loan's repayment schedule (还款计划), persisted at disbursement."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("期次"))
    due_date = models.DateField(_("应还日"))
    principal_due = models.DecimalField(_("应还本金"), **MONEY)
    interest_due = models.DecimalField(_("应还利息"), **MONEY)
    principal_paid = models.DecimalField(_("已还本金"), default=ZERO, **MONEY)
    interest_paid = models.DecimalField(_("已还利息"), default=ZERO, **MONEY)
    penalty_paid = models.DecimalField(_("已还罚息"), default=ZERO, **MONEY)
    # Penalty charged up to penalty_accrued_to, kept when overdue principal is paid in part so
    # that the earlier, larger overdue principal keeps its penalty (docs/interest.md).
    penalty_accrued = models.DecimalField(_("已计罚息"), default=ZERO, **MONEY)
    penalty_accrued_to = models.DateField(_("罚息计至"), null=True, blank=True)
    paid_on = models.DateField(_("结清日"), null=True, blank=True)

    objects = InstalmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("还款计划")
        verbose_name_plural = _("还款计划")
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_unique_number"),
            models.CheckConstraint(
                condition=Q(principal_paid__lte=models.F("principal_due"))
                & Q(interest_paid__lte=models.F("interest_due"))
                & Q(principal_paid__gte=0)
                & Q(interest_paid__gte=0),
                name="instalment_paid_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan_id} #{self.number}"

    @property
    def is_paid(self) -> bool:
        return self.principal_paid >= self.principal_due and self.interest_paid >= self.interest_due

    @property
    def total_due(self) -> Decimal:
        return self.principal_due + self.interest_due

    @property
    def remaining(self) -> Decimal:
        return self.total_due - self.principal_paid - self.interest_paid
