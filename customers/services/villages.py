"""Credit villages (信用村) and village batch rating and credit (整村评级授信): rate the
households together, publish the result, take objections, then put the lines in force."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_role
from creditdesk.history import audited_save
from customers.models import (
    BatchEntry,
    BatchEntryStatus,
    CreditLine,
    CreditVillage,
    FarmTier,
    VillageBatch,
    VillageBatchStatus,
)
from customers.reasons import CustomersReason
from customers.services.common import lock
from customers.services.credit import (
    activate,
    credit_line_propose,
    rating_record,
    require_approver,
    revoke,
)

BATCH, EFFECTIVE = "customers.village_batch", "customers.village_batch_effective"


def _today() -> datetime.date:
    return timezone.localdate()


@transaction.atomic
def credit_village_open(*, township: str, name: str, opened_by) -> CreditVillage:
    """The credit village (信用村) of a township and village in the user's branch, created on
    first use; an account manager looks after the village they open."""
    require_role(opened_by, BATCH)
    township, name = township.strip(), name.strip()
    if not township or not name:
        raise ValidationError(_("请选择乡镇和行政村。"))
    place = {"branch": opened_by.branch, "township": township, "name": name}
    village = CreditVillage.objects.select_for_update().filter(**place).first()
    if village is None:
        village = CreditVillage(**place, manager=opened_by)
        audited_save(village, by=opened_by, reason=CustomersReason.VILLAGE_OPEN)
    return village


def _scores_by_customer(scores: dict) -> dict[int, dict]:
    """The batch's scores keyed by customer id; a key that is no id is refused (400)."""
    chosen = {}
    for key, household_scores in scores.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            raise ValidationError({"scores": _("评分须按客户编号填写。")}) from None
        if not isinstance(household_scores, dict):
            raise ValidationError({"scores": _("每户的评分须按评分项填写。")})
        chosen[pk] = household_scores
    return chosen


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
    village = lock(CreditVillage.objects, village, by=rated_by, action=BATCH)
    if objection_days < 1:
        raise ValidationError(_("公示期至少一天。"))
    if village.batches.filter(
        status__in=[VillageBatchStatus.DRAFT, VillageBatchStatus.PUBLISHED]
    ).exists():
        raise ValidationError(_("该村已有未完成的整村评级授信。"))
    households = {c.pk: c for c in village.households().visible_to(rated_by)}
    chosen = {pk: s for pk, s in _scores_by_customer(scores).items() if pk in households}
    if not chosen:
        raise ValidationError(_("请至少为一户农户评分。"))
    batch = VillageBatch(
        village=village, rated_on=on, created_by=rated_by, objection_days=objection_days
    )
    audited_save(batch, by=rated_by, reason=CustomersReason.BATCH_RATE, clean=False)
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
        audited_save(entry, by=rated_by, reason=CustomersReason.BATCH_RATE, clean=False)
    return batch


@transaction.atomic
def village_batch_start(
    *,
    township: str,
    name: str,
    scores: dict,
    rated_by,
    on: datetime.date | None = None,
    objection_days: int = 7,
) -> VillageBatch:
    """Open the credit village (on first use) and rate it, in one transaction: a refused
    batch leaves no new village behind."""
    village = credit_village_open(township=township, name=name, opened_by=rated_by)
    return village_batch_rate(
        village=village, scores=scores, rated_by=rated_by, on=on, objection_days=objection_days
    )


def _lock_batch(batch: VillageBatch, user, *, action: str = BATCH) -> VillageBatch:
    return lock(VillageBatch.objects.select_related("village"), batch, by=user, action=action)


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
    return audited_save(batch, by=published_by, reason=CustomersReason.BATCH_PUBLISH, clean=False)


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
    return audited_save(entry, by=recorded_by, reason=CustomersReason.ENTRY_OBJECT, clean=False)


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
            line = CreditLine.objects.select_for_update().get(pk=entry.credit_line_id)
            revoke(
                line,
                by=resolved_by,
                reason=CustomersReason.LINE_OBJECTION_UPHELD,
                note=resolution,
            )
        reason = CustomersReason.ENTRY_UPHELD
    else:
        entry.status = BatchEntryStatus.PROPOSED
        reason = CustomersReason.ENTRY_DISMISSED
    return audited_save(entry, by=resolved_by, reason=reason, clean=False)


@transaction.atomic
def village_batch_make_effective(
    *, batch: VillageBatch, approver, now: datetime.datetime | None = None
) -> VillageBatch:
    """After the objection window, the approver puts every undisputed line in force at once;
    each household gets a numbered loan card. Households under objection wait."""
    now = now or timezone.now()
    batch = _lock_batch(batch, approver, action=EFFECTIVE)
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
    require_approver(approver, largest, action=EFFECTIVE)
    for entry in entries:
        line = lines[entry.credit_line_id]
        if line.customer.manager_id == approver.pk:
            raise ValidationError(_("不能审批自己管户客户的授信。"))
        activate(line, approver=approver, now=now, reason=CustomersReason.BATCH_LINE_EFFECTIVE)
        entry.status = BatchEntryStatus.EFFECTIVE
        audited_save(entry, by=approver, reason=CustomersReason.ENTRY_EFFECTIVE, clean=False)
    batch.status = VillageBatchStatus.EFFECTIVE
    batch.approved_by = approver
    batch.approved_at = now
    return audited_save(batch, by=approver, reason=CustomersReason.BATCH_EFFECTIVE, clean=False)
