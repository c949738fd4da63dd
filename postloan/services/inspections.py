"""Post-loan inspections (贷后检查): started as a draft, filled in the field (saved as it is
filled), photos added, then submitted — which moves the loan's inspection plan, puts a loan
with warning signals on its branch head's early-warning board and proposes a classification.
The nightly ``inspections_replan`` keeps the plan right for the whole portfolio, set-based."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_delete, audited_save, encode_reason
from creditdesk.models import Role, User
from creditdesk.notifications import notify, resolve
from loans.documents import MAX_UPLOAD_BYTES, sniff_upload
from postloan import planning
from postloan.models import (
    FundsUse,
    Inspection,
    InspectionMode,
    InspectionPhoto,
    InspectionStatus,
    Loan,
    LoanStatus,
    WarningSignal,
)
from postloan.models.inspection import PHOTO_TYPES
from postloan.notices import NoticeKind
from postloan.reasons import PostloanJob, PostloanReason
from postloan.services.classification import classification_propose

#: What the inspector fills in; everything else is the service's.
DRAFT_FIELDS = (
    "mode",
    "surprise",
    "inspected_on",
    "funds_use",
    "funds_note",
    "business_condition",
    "guarantor_condition",
    "collateral_condition",
    "findings",
    "signals",
    "proposed_class",
    "proposal_reason",
    "follow_up",
    "follow_up_by",
)
MAX_PHOTOS = 12
DIVERTED = (FundsUse.PARTLY_DIVERTED, FundsUse.DIVERTED)


def _require_inspector(loan: Loan, by: User) -> None:
    require_role(by, "postloan.inspect")
    require_in_scope(Loan.objects, by, loan)


def _lock(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("loan").get(pk=inspection.pk)


def _require_own_draft(inspection: Inspection, by: User) -> None:
    _require_inspector(inspection.loan, by)
    if inspection.status != InspectionStatus.DRAFT:
        raise ValidationError(_("检查已提交，不能再修改。"))
    if inspection.inspector_id != by.pk:
        raise PermissionDenied(_("只有检查人本人可以填写这份检查。"))


def branch_heads(loan: Loan) -> list[User]:
    """The heads of the loan's branch and of the branches above it."""
    parts = loan.branch.path.strip("/").split("/")
    paths = ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
    return list(User.objects.filter(role=Role.BRANCH_HEAD, is_active=True, branch__path__in=paths))


@transaction.atomic
def inspection_start(
    *, loan: Loan, by: User, surprise: bool = False, mode: str = InspectionMode.ON_SITE
) -> Inspection:
    """Open a draft inspection of the loan (dated today), or return the one already open: a
    loan has one draft at a time (``inspection_one_draft_per_loan``)."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    _require_inspector(loan, by)
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("只有正常还款中的贷款需要贷后检查。"))
    if mode not in InspectionMode.values:
        raise ValidationError({"mode": _("检查方式无效。")})
    draft = loan.inspections.drafts().first()
    if draft is not None:
        return draft
    inspection = Inspection(
        loan=loan,
        inspector=by,
        mode=mode,
        surprise=bool(surprise),
        # A surprise visit answers no plan date: it is the point of it.
        due_on=None if surprise else loan.next_inspection_due,
        inspected_on=timezone.localdate(),
    )
    return audited_save(inspection, by=by, reason=PostloanReason.INSPECTION_START)


@transaction.atomic
def inspection_save_draft(
    *, inspection: Inspection, by: User, values: dict[str, Any]
) -> Inspection:
    """Save what the inspector has filled in so far (the form saves itself as it is filled).
    A draft is not yet an inspection: nothing else changes until it is submitted."""
    inspection = _lock(inspection)
    _require_own_draft(inspection, by)
    unknown = set(values) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError({name: _("不能填写此项。") for name in sorted(unknown)})
    for name, value in values.items():
        setattr(inspection, name, value)
    signals = inspection.signals
    if not isinstance(signals, list) or not set(signals) <= set(WarningSignal.values):
        raise ValidationError({"signals": _("预警信号不在清单中。")})
    inspection.signals = sorted(set(signals), key=WarningSignal.values.index)
    inspection.has_signals = bool(inspection.signals)
    return audited_save(inspection, by=by, reason=PostloanReason.INSPECTION_DRAFT)


@transaction.atomic
def inspection_add_photo(
    *, inspection: Inspection, by: User, upload, caption: str = ""
) -> InspectionPhoto:
    """A photo from the field: JPEG or PNG by content (a phone camera's), at most 10 MB, at
    most twelve to an inspection; only while the inspection is a draft."""
    inspection = _lock(inspection)
    _require_own_draft(inspection, by)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"photo": _("照片超过 10 MB 上限。")})
    content_type = sniff_upload(upload)
    if content_type not in PHOTO_TYPES:
        raise ValidationError({"photo": _("只接受 JPEG 或 PNG 照片（按文件内容识别）。")})
    if inspection.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"photo": _("每次检查最多 %(n)s 张照片。") % {"n": MAX_PHOTOS}})
    photo = InspectionPhoto(
        inspection=inspection,
        file=upload,
        content_type=content_type,
        size=upload.size,
        original_name=(upload.name or "")[:200],
        caption=(caption or "")[:200],
        uploaded_by=by,
    )
    return audited_save(photo, by=by, reason=PostloanReason.INSPECTION_PHOTO, exclude=["file"])


@transaction.atomic
def inspection_remove_photo(*, photo: InspectionPhoto, by: User) -> None:
    """Take a photo off a draft (the stored file stays until storage is cleaned)."""
    _require_own_draft(_lock(photo.inspection), by)
    audited_delete(photo, by=by, reason=PostloanReason.INSPECTION_PHOTO_REMOVE)


def _completeness(inspection: Inspection) -> dict[str, str]:
    """What a submitted inspection must hold; the fields still missing, with why."""
    errors: dict[str, str] = {}
    loan = inspection.loan
    today = timezone.localdate()
    day = inspection.inspected_on
    if day is None:
        errors["inspected_on"] = _("请填写检查日期。")
    elif day > today or day < loan.disbursed_on:
        errors["inspected_on"] = _("检查日期须在放款日与今天之间。")
    required = {
        "funds_use": _("请填写资金用途。"),
        "business_condition": _("请填写经营状况。"),
        "guarantor_condition": _("请填写保证人状况（无保证人选“不适用”）。"),
        "collateral_condition": _("请填写抵押物状况（无抵押物选“不适用”）。"),
    }
    for name, message in required.items():
        if not getattr(inspection, name):
            errors[name] = message
    if inspection.has_signals and not inspection.follow_up.strip():
        errors["follow_up"] = _("发现预警信号，请填写后续措施。")
    if inspection.proposed_class and not inspection.proposal_reason.strip():
        errors["proposal_reason"] = _("建议调整风险分类，请写明理由。")
    return errors


@transaction.atomic
def inspection_submit(
    *, inspection: Inspection, by: User, values: dict | None = None
) -> Inspection:
    """The inspector completes the inspection: it becomes the record, the loan's plan moves on
    from it, warning signals put the loan on the branch head's early-warning board (and tell
    the head), a proposed category goes to classification. ``values`` (what the form holds)
    are saved first, in the same transaction: a refusal writes nothing."""
    if values is not None:
        inspection_save_draft(inspection=inspection, by=by, values=values)
    inspection = _lock(inspection)
    _require_own_draft(inspection, by)
    # Money spent elsewhere is a warning signal whether or not the box was ticked.
    if inspection.funds_use in DIVERTED and WarningSignal.FUNDS_DIVERTED not in inspection.signals:
        inspection.signals = [WarningSignal.FUNDS_DIVERTED.value, *inspection.signals]
    inspection.has_signals = bool(inspection.signals)
    errors = _completeness(inspection)
    if errors:
        raise ValidationError(errors)
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = timezone.now()
    audited_save(inspection, by=by, reason=PostloanReason.INSPECTION_SUBMIT)
    if inspection.proposed_class:  # first: the plan follows the category it leaves
        _propose_class(inspection, inspection.loan, by)

    loan = Loan.objects.select_for_update().get(pk=inspection.loan_id)
    if loan.last_inspected_on is None or loan.last_inspected_on < inspection.inspected_on:
        loan.last_inspected_on = inspection.inspected_on
    loan.next_inspection_due = planning.next_due(loan)
    audited_save(
        loan,
        by=by,
        reason=PostloanReason.INSPECTION_SUBMIT,
        update_fields=["last_inspected_on", "next_inspection_due"],
    )
    if inspection.has_signals:
        notify(
            branch_heads(loan),
            kind=NoticeKind.WARNING_RAISED,
            target=loan,
            label=f"{loan.customer.name} · {loan.contract_number}",
            url=inspection.get_absolute_url(),
        )
    else:  # off the board: the head's notice about it is done
        resolve(target=loan, kind=NoticeKind.WARNING_RAISED)
    return inspection


def _propose_class(inspection: Inspection, loan: Loan, by: User) -> None:
    """The inspector's proposed category goes to classification (a worse one applies at
    once, a better one waits for the branch head); its refusal is shown on the form's fields."""
    try:
        classification_propose(
            loan=loan, by=by, category=inspection.proposed_class, reason=inspection.proposal_reason
        )
    except ValidationError as exc:
        fields = {"category": "proposed_class", "reason": "proposal_reason"}
        if hasattr(exc, "error_dict"):
            raise ValidationError(
                {fields.get(name, name): errors for name, errors in exc.error_dict.items()}
            ) from exc
        raise ValidationError({"proposed_class": exc.messages}) from exc


#: The replan's temporary table: the loans whose planned date changes, with the new date.
REPLAN = "inspection_replan"


def _sql(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


@transaction.atomic
def inspections_replan(*, on: datetime.date) -> int:
    """Set-based, for the nightly job (after the overdue state and the large flag are
    written): every loan whose planned inspection date differs from the plan's rule
    (``planning.planned_due``) gets the new date — an overdue loan due at once, a closed loan
    none — each change with its history row. Returns how many loans changed. (``on`` is the
    business date, kept for the job's signature: the rule reads only the stored columns.)

    No row passes through Python: the ids and new dates of the loans that change go into a
    temporary table (one pass, IS DISTINCT FROM), then one ``UPDATE … FROM`` and one ``INSERT
    … SELECT`` of their new state into ``postloan_historicalloan`` — what ``audited_update``
    writes (history type ``~``, no user, reason ``job.inspection_replan``)."""
    planned = planning.planned_due()
    # IS DISTINCT FROM, spelt so that both databases use it: only changed rows are written.
    changed = (
        Loan.objects.annotate(planned=planned)
        .filter(
            Q(next_inspection_due__isnull=True, planned__isnull=False)
            | Q(next_inspection_due__isnull=False, planned__isnull=True)
            | (
                Q(next_inspection_due__isnull=False, planned__isnull=False)
                & ~Q(next_inspection_due=F("planned"))
            )
        )
        .order_by()
        .values_list("pk", "planned")
    )
    select, params = changed.query.sql_with_params()
    _sql(f"DROP TABLE IF EXISTS {REPLAN}")
    _sql(f"CREATE TEMPORARY TABLE {REPLAN} (id bigint PRIMARY KEY, new_due date)")
    count = _sql(f"INSERT INTO {REPLAN} (id, new_due) {select}", params)
    if count:
        _sql(
            f"UPDATE postloan_loan SET next_inspection_due = c.new_due"  # noqa: S608
            f" FROM {REPLAN} c WHERE postloan_loan.id = c.id"
        )
        columns = [field.column for field in Loan._meta.concrete_fields]
        _sql(
            f"INSERT INTO postloan_historicalloan ({', '.join(columns)}, history_date,"  # noqa: S608
            " history_change_reason, history_type, history_user_id)"
            f" SELECT {', '.join(f'l.{c}' for c in columns)}, %s, %s, '~', NULL"
            f" FROM postloan_loan l JOIN {REPLAN} c ON c.id = l.id",
            [timezone.now(), encode_reason(PostloanJob.INSPECTION_REPLAN)],
        )
    _sql(f"DROP TABLE {REPLAN}")
    return count
