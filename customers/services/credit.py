"""Rating and credit (评级授信): ratings with a scorecard, credit lines and their approval.

Every function is keyword-only, runs in one transaction, locks the row it changes and saves it
through ``creditdesk.history``. Refusals are ``ValidationError`` with a translated message.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_save, audited_update
from creditdesk.models import APPROVER_ROLES, AuthorityLimit, User
from creditdesk.notifications import notify, resolve
from creditdesk.validators import reasonable_date
from customers.models import (
    CreditLine,
    CreditLineStatus,
    CreditRating,
    Customer,
    CustomerType,
    FarmTier,
    GradeBand,
    RatingGrade,
    Scorecard,
)
from customers.notices import NoticeKind
from customers.reasons import CustomersJobReason, CustomersReason
from customers.services.common import lock

#: A line lasts at most two years (reviewed every year); a rating one year.
MAX_LINE_YEARS = 2
RATING_YEARS = 1
HUNDRED = Decimal("100")


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def period_end(start: datetime.date, years: int) -> datetime.date:
    """Last day of a period of ``years`` starting on ``start``."""
    return add_years(start, years) - datetime.timedelta(days=1)


def _today() -> datetime.date:
    return timezone.localdate()


def _reasonable(dates: dict[str, datetime.date | None]) -> None:
    """Each typed date within the shared bounds, refused by field name otherwise."""
    errors = {}
    for field, value in dates.items():
        try:
            reasonable_date(value)
        except ValidationError as exc:
            errors[field] = exc
    if errors:
        raise ValidationError(errors)


def require_approver(
    user,
    amount: Decimal,
    *,
    customer: Customer | None = None,
    action: str = "customers.line_approve",
) -> None:
    """Four eyes and the authority table: a role that may do ``action`` (403 otherwise), not
    the customer's own manager, with a credit-line limit that covers ``amount``."""
    require_role(user, action)
    if customer is not None:
        require_in_scope(Customer.objects, user, customer)
    problems = approver_problems(user, amount, customer=customer)
    if problems:
        raise ValidationError(problems)


def approver_problems(user, amount: Decimal, *, customer: Customer | None = None) -> list[str]:
    """What keeps an approver from approving ``amount``: four eyes and their authority."""
    problems = []
    if customer is not None and customer.manager_id == user.pk:
        problems.append(_("不能审批自己管户客户的授信。"))
    authority = AuthorityLimit.objects.for_user(user)
    limit = authority.max_credit_line if authority else Decimal("0")
    if amount > limit:
        problems.append(
            _("授信额度 %(amount)s 元超出您的审批权限 %(limit)s 元，请报上级审批。")
            % {"amount": f"{amount:,.2f}", "limit": f"{limit:,.2f}"}
        )
    return problems


def line_approval_problems(line: CreditLine, user) -> list[str]:
    """Why ``user`` cannot approve the pending line: the service refuses on these and the
    line's page disables its button with them."""
    problems = approver_problems(user, line.amount, customer=line.customer)
    if line.proposed_by_id == user.pk:
        problems.append(_("不能审批自己提议的授信。"))
    return problems


# --- Ratings ---


def weighted_score(scorecard: Scorecard, scores: dict) -> tuple[Decimal, list[dict]]:
    """The weighted score (0–100) of factor scores keyed by factor id, and the detail rows.

    Every factor must be scored 0–100 and the weights must add up to 100.
    """
    factors = list(scorecard.factors.all())
    if not factors or sum(f.weight for f in factors) != HUNDRED:
        raise ValidationError(_("评分卡“%(name)s”的权重合计须为 100%%。") % {"name": scorecard})
    by_key = {str(k): v for k, v in scores.items()}
    total = Decimal("0")
    detail = []
    for factor in factors:
        raw = by_key.get(str(factor.pk))
        try:
            score = Decimal(str(raw))
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(
                _("请为“%(factor)s”打分（0–100）。") % {"factor": factor.name}
            ) from None
        if not Decimal("0") <= score <= HUNDRED:
            raise ValidationError(
                _("“%(factor)s”的得分须在 0 到 100 之间。") % {"factor": factor.name}
            )
        total += score * factor.weight / HUNDRED
        detail.append(
            {
                "factor": factor.pk,
                "name": factor.name,
                "criterion": factor.criterion,
                "weight": str(factor.weight),
                "score": str(score),
            }
        )
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), detail


def grade_for(score: Decimal) -> str:
    """The grade band a weighted score falls in; below every band is C."""
    return GradeBand.objects.grade_for(score) or RatingGrade.C


@transaction.atomic
def rating_record(
    *, customer: Customer, scores: dict, rated_by, on: datetime.date | None = None
) -> CreditRating:
    """Rate a customer (信用评级) with their type's scorecard; valid one year from ``on``.

    Older ratings are kept: the newest valid one applies.
    """
    on = on or _today()
    customer = lock(Customer.objects, customer, by=rated_by, action="customers.rate")
    scorecard = Scorecard.objects.filter(customer_type=customer.customer_type).first()
    if scorecard is None:
        raise ValidationError(
            _("尚未为“%(type)s”设置评分卡，请联系系统管理员。")
            % {"type": customer.get_customer_type_display()}
        )
    score, detail = weighted_score(scorecard, scores)
    rating = CreditRating(
        customer=customer,
        scorecard=scorecard,
        factor_scores=detail,
        score=score,
        grade=grade_for(score),
        valid_from=on,
        valid_until=period_end(on, RATING_YEARS),
        rated_by=rated_by,
    )
    return audited_save(rating, by=rated_by, reason=CustomersReason.RATING_RECORD)


# --- Credit lines ---


@transaction.atomic
def credit_line_propose(
    *,
    customer: Customer,
    amount: Decimal,
    proposed_by,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> CreditLine:
    """Propose a credit line (授信) for approval; it needs a valid rating above C."""
    valid_from = valid_from or _today()
    # Bounded before any date arithmetic: year 9999 plus two years is no date at all.
    _reasonable({"valid_from": valid_from, "valid_until": valid_until})
    valid_until = valid_until or period_end(valid_from, MAX_LINE_YEARS)
    customer = lock(Customer.objects, customer, by=proposed_by, action="customers.line_propose")
    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    if amount <= 0:
        raise ValidationError(_("授信额度须大于零。"))
    if valid_until <= valid_from:
        raise ValidationError(_("到期日须晚于生效日。"))
    if valid_until > period_end(valid_from, MAX_LINE_YEARS):
        raise ValidationError(_("授信期限最长两年。"))
    rating = customer.ratings.current(valid_from)
    if rating is None:
        raise ValidationError(_("客户没有有效的信用评级，请先评级。"))
    if rating.grade == RatingGrade.C:
        raise ValidationError(_("信用等级为 C 的客户不予授信。"))
    if customer.customer_type == CustomerType.FARM_HOUSEHOLD:
        tier = FarmTier.objects.for_grade(rating.grade)
        if tier is not None and amount > tier.cap:
            raise ValidationError(
                _("%(grade)s 级农户（%(tier)s）授信上限为 %(cap)s 元。")
                % {"grade": rating.grade, "tier": tier.name, "cap": f"{tier.cap:,.2f}"}
            )
    if customer.credit_lines.pending().exists():
        raise ValidationError(_("该客户已有待审批的授信，请先处理。"))
    line = CreditLine(
        customer=customer,
        amount=amount,
        valid_from=valid_from,
        valid_until=valid_until,
        proposed_by=proposed_by,
        note=note,
    )
    audited_save(line, by=proposed_by, reason=CustomersReason.LINE_PROPOSE)
    notify(
        line_approvers(line),
        kind=NoticeKind.LINE_PENDING,
        target=line,
        label=f"{customer.name} · {amount:,.2f}",
        url=reverse("customers:credit_line", args=[line.pk]),
    )
    return line


def line_approvers(line: CreditLine) -> list:
    """Whose turn a proposed line is: the nearest branch heads whose authority covers it,
    else the credit committee (报上级审批)."""
    heads = User.objects.heads_over(line.customer.branch)
    covering = [
        head
        for head in heads
        if (limit := AuthorityLimit.objects.for_user(head)) and limit.max_credit_line >= line.amount
    ]
    return covering or list(User.objects.committee_members())


def _next_card_number(line: CreditLine, day: datetime.date) -> str:
    """Loan card (贷款证) number, gapless per branch and year: ``B01-2026-00001``."""
    code = line.customer.branch.code
    number = get_next_value(f"loan_card:{code}:{day.year}")
    return f"{code}-{day.year}-{number:05d}"


def activate(
    line: CreditLine, *, approver, now: datetime.datetime, reason: CustomersReason
) -> CreditLine:
    """Make a locked pending line the customer's active line and issue its loan card."""
    today = timezone.localdate(now)
    if line.valid_until < today:
        raise ValidationError(_("授信已过到期日，不能生效。"))
    previous = (
        CreditLine.objects.select_for_update()
        .filter(customer_id=line.customer_id, status=CreditLineStatus.ACTIVE)
        .exclude(pk=line.pk)
    )
    for old in previous:
        old.status = CreditLineStatus.EXPIRED
        audited_save(
            old,
            by=approver,
            reason=CustomersReason.LINE_SUPERSEDED,
            clean=False,
            update_fields=["status"],
        )
    line.status = CreditLineStatus.ACTIVE
    line.approved_by = approver
    line.approved_at = now
    if line.valid_until > add_years(line.valid_from, 1):
        line.next_review_on = add_years(line.valid_from, 1)
    line.card_number = line.card_number or _next_card_number(line, today)
    return audited_save(line, by=approver, reason=reason, clean=False)


@transaction.atomic
def credit_line_approve(
    *, line: CreditLine, approver, now: datetime.datetime | None = None
) -> CreditLine:
    """Approve a proposed line: an approver whose authority covers it, never the customer's
    own manager nor the proposer. The line takes effect and its loan card is numbered."""
    now = now or timezone.now()
    line = CreditLine.objects.select_for_update().select_related("customer__branch").get(pk=line.pk)
    if line.status != CreditLineStatus.PENDING:
        raise ValidationError(_("只有待生效的授信可以审批。"))
    require_role(approver, "customers.line_approve")
    require_in_scope(Customer.objects, approver, line.customer)
    problems = line_approval_problems(line, approver)
    if problems:
        raise ValidationError(problems)
    resolve(target=line, kind=NoticeKind.LINE_PENDING)
    return activate(line, approver=approver, now=now, reason=CustomersReason.LINE_APPROVE)


def revoke(line: CreditLine, *, by, reason: CustomersReason, note: str) -> CreditLine:
    """Withdraw a locked proposal or revoke a locked active line; ``note`` says why."""
    if not note.strip():
        raise ValidationError(_("请填写撤销原因。"))
    if line.status not in (CreditLineStatus.PENDING, CreditLineStatus.ACTIVE):
        raise ValidationError(_("该授信已到期或已撤销。"))
    if line.status == CreditLineStatus.ACTIVE and by.role not in APPROVER_ROLES:
        raise ValidationError(_("有效授信只能由支行行长或审贷会撤销。"))
    line.status = CreditLineStatus.REVOKED
    line.note = f"{line.note}\n{note}".strip()
    resolve(target=line, kind=NoticeKind.LINE_PENDING)
    return audited_save(line, by=by, reason=reason, note=note, clean=False)


@transaction.atomic
def credit_line_revoke(*, line: CreditLine, revoked_by, reason: str) -> CreditLine:
    """Withdraw a proposal or revoke an active line (the latter only by an approver)."""
    line = lock(
        CreditLine.objects.select_related("customer"),
        line,
        by=revoked_by,
        action="customers.line_revoke",
    )
    return revoke(line, by=revoked_by, reason=CustomersReason.LINE_REVOKE, note=reason)


@transaction.atomic
def credit_line_review(
    *,
    line: CreditLine,
    reviewed_by,
    passed: bool,
    note: str = "",
    on: datetime.date | None = None,
) -> CreditLine:
    """Annual review (年审) of an active line: passed sets the next review, failed revokes."""
    on = on or _today()
    line = lock(
        CreditLine.objects.select_related("customer"),
        line,
        by=reviewed_by,
        action="customers.line_review",
    )
    if line.status != CreditLineStatus.ACTIVE:
        raise ValidationError(_("只有有效的授信需要年审。"))
    if not passed:
        line.status = CreditLineStatus.REVOKED
        line.next_review_on = None
        reason = CustomersReason.LINE_REVIEW_FAILED
    else:
        following = add_years(on, 1)
        line.next_review_on = following if following < line.valid_until else None
        reason = CustomersReason.LINE_REVIEW_PASSED
    if note:
        line.note = f"{line.note}\n{note}".strip()
    return audited_save(line, by=reviewed_by, reason=reason, note=note, clean=False)


@transaction.atomic
def credit_lines_expire(*, on: datetime.date | None = None) -> int:
    """Mark lines past their end date expired (the nightly job): a history row for each."""
    on = on or _today()
    return audited_update(
        CreditLine.objects.filter(status=CreditLineStatus.ACTIVE, valid_until__lt=on),
        by=None,
        reason=CustomersJobReason.EXPIRE_CREDIT_LINES,
        status=CreditLineStatus.EXPIRED,
    )
