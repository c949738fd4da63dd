"""State changes of rating and credit (评级授信): ratings, credit lines, village batches.

Every function is keyword-only, runs in one transaction, locks the row it changes and leaves an
audit reason for simple-history. Refusals are ``ValidationError`` with a translated message.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value

from creditdesk.models import APPROVER_ROLES, AuthorityLimit
from creditdesk.scoping import can_write
from customers.models import (
    BatchEntry,
    BatchEntryStatus,
    CreditLine,
    CreditLineStatus,
    CreditRating,
    CreditVillage,
    Customer,
    CustomerType,
    FarmTier,
    GradeBand,
    RatingGrade,
    Scorecard,
    VillageBatch,
    VillageBatchStatus,
)

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


def _require_writer(user, customer: Customer) -> None:
    if not can_write(user):
        raise PermissionDenied
    if not Customer.objects.visible_to(user).filter(pk=customer.pk).exists():
        raise PermissionDenied


def _require_approver(user, amount: Decimal, *, customer: Customer | None = None) -> None:
    """Four eyes and the authority table: an approver role, not the customer's own manager,
    with a credit-line limit that covers ``amount``."""
    if not can_write(user):
        raise PermissionDenied
    if user.role not in APPROVER_ROLES:
        raise ValidationError(_("只有支行行长或审贷会委员可以审批授信。"))
    if customer is not None:
        if not Customer.objects.visible_to(user).filter(pk=customer.pk).exists():
            raise PermissionDenied
        if customer.manager_id == user.pk:
            raise ValidationError(_("不能审批自己管户客户的授信。"))
    authority = AuthorityLimit.objects.for_user(user)
    limit = authority.max_credit_line if authority else Decimal("0")
    if amount > limit:
        raise ValidationError(
            _("授信额度 %(amount)s 元超出您的审批权限 %(limit)s 元，请报上级审批。")
            % {"amount": f"{amount:,.2f}", "limit": f"{limit:,.2f}"}
        )


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
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    _require_writer(rated_by, customer)
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
    rating.full_clean()
    rating._change_reason = _("信用评级：%(grade)s（%(score)s 分）") % {
        "grade": rating.grade,
        "score": score,
    }
    rating._history_user = rated_by
    rating.save()
    return rating


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
    valid_until = valid_until or period_end(valid_from, MAX_LINE_YEARS)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    _require_writer(proposed_by, customer)
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
    line.full_clean()
    line._change_reason = _("提议授信 %(amount)s 元") % {"amount": f"{amount:,.2f}"}
    line._history_user = proposed_by
    line.save()
    return line


def _next_card_number(line: CreditLine, day: datetime.date) -> str:
    """Loan card (贷款证) number, gapless per branch and year: ``B01-2026-00001``."""
    code = line.customer.branch.code
    number = get_next_value(f"loan_card:{code}:{day.year}")
    return f"{code}-{day.year}-{number:05d}"


def _activate(line: CreditLine, *, approver, now: datetime.datetime, reason: str) -> CreditLine:
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
        old._change_reason = _("被新授信替代")
        old._history_user = approver
        old.save(update_fields=["status"])
    line.status = CreditLineStatus.ACTIVE
    line.approved_by = approver
    line.approved_at = now
    if line.valid_until > add_years(line.valid_from, 1):
        line.next_review_on = add_years(line.valid_from, 1)
    line.card_number = line.card_number or _next_card_number(line, today)
    line._change_reason = reason
    line._history_user = approver
    line.save()
    return line


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
    _require_approver(approver, line.amount, customer=line.customer)
    if line.proposed_by_id == approver.pk:
        raise ValidationError(_("不能审批自己提议的授信。"))
    return _activate(line, approver=approver, now=now, reason=_("审批通过，授信生效"))


@transaction.atomic
def credit_line_revoke(*, line: CreditLine, revoked_by, reason: str) -> CreditLine:
    """Withdraw a proposal or revoke an active line (the latter only by an approver)."""
    line = CreditLine.objects.select_for_update().select_related("customer").get(pk=line.pk)
    _require_writer(revoked_by, line.customer)
    if not reason.strip():
        raise ValidationError(_("请填写撤销原因。"))
    if line.status not in (CreditLineStatus.PENDING, CreditLineStatus.ACTIVE):
        raise ValidationError(_("该授信已到期或已撤销。"))
    if line.status == CreditLineStatus.ACTIVE and revoked_by.role not in APPROVER_ROLES:
        raise ValidationError(_("有效授信只能由支行行长或审贷会撤销。"))
    line.status = CreditLineStatus.REVOKED
    line.note = f"{line.note}\n{reason}".strip()
    line._change_reason = _("撤销授信：%(reason)s") % {"reason": reason}
    line._history_user = revoked_by
    line.save()
    return line


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
    line = CreditLine.objects.select_for_update().select_related("customer").get(pk=line.pk)
    _require_writer(reviewed_by, line.customer)
    if reviewed_by.role not in APPROVER_ROLES:
        raise ValidationError(_("年审由支行行长或审贷会委员确认。"))
    if line.status != CreditLineStatus.ACTIVE:
        raise ValidationError(_("只有有效的授信需要年审。"))
    if not passed:
        line.status = CreditLineStatus.REVOKED
        line.next_review_on = None
        reason = _("年审未通过，授信撤销：%(note)s") % {"note": note}
    else:
        following = add_years(on, 1)
        line.next_review_on = following if following < line.valid_until else None
        reason = _("年审通过：%(note)s") % {"note": note}
    if note:
        line.note = f"{line.note}\n{note}".strip()
    line._change_reason = reason
    line._history_user = reviewed_by
    line.save()
    return line


@transaction.atomic
def credit_lines_expire(*, on: datetime.date | None = None) -> int:
    """Mark lines past their end date expired (the nightly job calls this)."""
    on = on or _today()
    lines = CreditLine.objects.select_for_update().filter(
        status=CreditLineStatus.ACTIVE, valid_until__lt=on
    )
    count = 0
    for line in lines:
        line.status = CreditLineStatus.EXPIRED
        line._change_reason = _("授信到期")
        line.save(update_fields=["status"])
        count += 1
    return count


# --- Village batch (整村评级授信) ---


@transaction.atomic
def credit_village_open(*, township: str, name: str, opened_by) -> CreditVillage:
    """The credit village (信用村) of a township and village in the user's branch, created on
    first use; an account manager looks after the village they open."""
    if not can_write(opened_by):
        raise PermissionDenied
    township, name = township.strip(), name.strip()
    if not township or not name:
        raise ValidationError(_("请选择乡镇和行政村。"))
    village = CreditVillage.objects.select_for_update().get_or_create(
        branch=opened_by.branch,
        township=township,
        name=name,
        defaults={"manager": opened_by},
    )[0]
    return village


@transaction.atomic
def village_batch_rate(
    *,
    village: CreditVillage,
    scores: dict,
    rated_by,
    on: datetime.date | None = None,
    objection_days: int = 7,
) -> VillageBatch:
    """Rate the village's farm households at once and propose each a line by tier.

    ``scores`` maps a customer id to that household's factor scores. A household graded
    below every tier, or with a line already awaiting approval, is listed but excluded.
    """
    on = on or _today()
    village = CreditVillage.objects.select_for_update().get(pk=village.pk)
    if not can_write(rated_by):
        raise PermissionDenied
    if objection_days < 1:
        raise ValidationError(_("公示期至少一天。"))
    if village.batches.filter(
        status__in=[VillageBatchStatus.DRAFT, VillageBatchStatus.PUBLISHED]
    ).exists():
        raise ValidationError(_("该村已有未完成的整村评级授信。"))
    households = {c.pk: c for c in village.households().visible_to(rated_by)}
    chosen = {int(pk): s for pk, s in scores.items() if int(pk) in households}
    if not chosen:
        raise ValidationError(_("请至少为一户农户评分。"))
    batch = VillageBatch(
        village=village, rated_on=on, created_by=rated_by, objection_days=objection_days
    )
    batch._change_reason = _("整村评级")
    batch._history_user = rated_by
    batch.save()
    for pk, household_scores in sorted(chosen.items()):
        customer = households[pk]
        rating = rating_record(customer=customer, scores=household_scores, rated_by=rated_by, on=on)
        tier = FarmTier.objects.for_grade(rating.grade)
        entry = BatchEntry(batch=batch, customer=customer, rating=rating, tier=tier)
        if tier is None:
            entry.status = BatchEntryStatus.EXCLUDED
            entry.objection_resolution = _("信用等级 %(grade)s，不予授信。") % {
                "grade": rating.grade
            }
        elif customer.credit_lines.pending().exists():
            entry.status = BatchEntryStatus.EXCLUDED
            entry.objection_resolution = _("已有待审批的授信。")
        else:
            entry.credit_line = credit_line_propose(
                customer=customer,
                amount=tier.cap,
                proposed_by=rated_by,
                valid_from=on,
                note=_("整村评级授信：%(village)s") % {"village": village},
            )
        entry._change_reason = _("整村评级")
        entry._history_user = rated_by
        entry.save()
    return batch


def _lock_batch(batch: VillageBatch, user) -> VillageBatch:
    batch = VillageBatch.objects.select_for_update().select_related("village").get(pk=batch.pk)
    if not can_write(user):
        raise PermissionDenied
    if not VillageBatch.objects.visible_to(user).filter(pk=batch.pk).exists():
        raise PermissionDenied
    return batch


@transaction.atomic
def village_batch_publish(
    *, batch: VillageBatch, published_by, on: datetime.date | None = None
) -> VillageBatch:
    """Publish the result as a public notice (公示); objections are taken until the window ends."""
    on = on or _today()
    batch = _lock_batch(batch, published_by)
    if batch.status != VillageBatchStatus.DRAFT:
        raise ValidationError(_("只有待公示的批次可以公示。"))
    batch.status = VillageBatchStatus.PUBLISHED
    batch.published_on = on
    batch.objection_until = on + datetime.timedelta(days=batch.objection_days)
    batch._change_reason = _("发布公示，异议截止 %(day)s") % {"day": batch.objection_until}
    batch._history_user = published_by
    batch.save()
    return batch


def _lock_entry(entry: BatchEntry, user) -> tuple[BatchEntry, VillageBatch]:
    batch = _lock_batch(entry.batch, user)
    entry = BatchEntry.objects.select_for_update().get(pk=entry.pk)
    return entry, batch


@transaction.atomic
def village_batch_object(
    *, entry: BatchEntry, objection: str, recorded_by, on: datetime.date | None = None
) -> BatchEntry:
    """Record an objection to one household during the notice: it is held back until resolved."""
    on = on or _today()
    entry, batch = _lock_entry(entry, recorded_by)
    if batch.status != VillageBatchStatus.PUBLISHED or on > batch.objection_until:
        raise ValidationError(_("只能在公示期内登记异议。"))
    if not objection.strip():
        raise ValidationError(_("请填写异议内容。"))
    if entry.status != BatchEntryStatus.PROPOSED:
        raise ValidationError(_("该户不在拟授信名单中。"))
    entry.status = BatchEntryStatus.OBJECTED
    entry.objection = objection
    entry._change_reason = _("登记异议")
    entry._history_user = recorded_by
    entry.save()
    return entry


@transaction.atomic
def village_batch_resolve(
    *, entry: BatchEntry, upheld: bool, resolution: str, resolved_by
) -> BatchEntry:
    """Resolve an objection: upheld excludes the household (its proposal is withdrawn);
    dismissed returns it to the list — or, once the batch is in force, to the approval queue."""
    entry, _batch = _lock_entry(entry, resolved_by)
    if entry.status != BatchEntryStatus.OBJECTED:
        raise ValidationError(_("该户没有待处理的异议。"))
    if not resolution.strip():
        raise ValidationError(_("请填写处理意见。"))
    entry.objection_resolution = resolution
    if upheld:
        entry.status = BatchEntryStatus.EXCLUDED
        if entry.credit_line_id:
            credit_line_revoke(
                line=entry.credit_line,
                revoked_by=resolved_by,
                reason=_("公示异议成立：%(text)s") % {"text": resolution},
            )
        reason = _("异议成立，不予授信")
    else:
        entry.status = BatchEntryStatus.PROPOSED
        reason = _("异议不成立")
    entry._change_reason = reason
    entry._history_user = resolved_by
    entry.save()
    return entry


@transaction.atomic
def village_batch_make_effective(
    *, batch: VillageBatch, approver, now: datetime.datetime | None = None
) -> VillageBatch:
    """After the objection window, the approver puts every undisputed line in force at once;
    each household gets a numbered loan card. Households under objection wait."""
    now = now or timezone.now()
    batch = _lock_batch(batch, approver)
    if batch.status != VillageBatchStatus.PUBLISHED:
        raise ValidationError(_("批次须先公示。"))
    if timezone.localdate(now) <= batch.objection_until:
        raise ValidationError(
            _("公示期至 %(day)s 结束，期满后方可生效。") % {"day": batch.objection_until}
        )
    if approver.pk in (batch.created_by_id, batch.village.manager_id):
        raise ValidationError(_("不能审批自己经办的整村授信。"))
    entries = list(
        batch.entries.select_for_update().filter(
            status=BatchEntryStatus.PROPOSED, credit_line__isnull=False
        )
    )
    # Locked apart: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    lines = CreditLine.objects.select_for_update().select_related("customer__branch")
    lines = lines.in_bulk([e.credit_line_id for e in entries])
    largest = max((line.amount for line in lines.values()), default=Decimal("0"))
    _require_approver(approver, largest)
    for entry in entries:
        line = lines[entry.credit_line_id]
        if line.customer.manager_id == approver.pk:
            raise ValidationError(_("不能审批自己管户客户的授信。"))
        _activate(line, approver=approver, now=now, reason=_("整村授信公示期满生效"))
        entry.status = BatchEntryStatus.EFFECTIVE
        entry._change_reason = _("授信生效")
        entry._history_user = approver
        entry.save()
    batch.status = VillageBatchStatus.EFFECTIVE
    batch.approved_by = approver
    batch.approved_at = now
    batch._change_reason = _("整村授信生效：%(n)s 户") % {"n": len(entries)}
    batch._history_user = approver
    batch.save()
    return batch
