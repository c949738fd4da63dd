"""Every state change of loans, one function each: keyword-only, typed, atomic, row locked,
rules checked, audited (simple-history with a change reason, plus the workflow log)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value

from creditdesk.models import AuthorityLimit, Role, User
from creditdesk.scoping import can_write
from customers.models import CreditLine, Customer
from guarantees.coverage import FULL_COVERAGE, coverage_ratio
from loans import rules
from loans.documents import ALLOWED_CONTENT_TYPES, MAX_UPLOAD_BYTES, sniff_upload
from loans.models import (
    ASK_ITEMS,
    EDITABLE_STATUSES,
    ZERO,
    Answer,
    ApplicationStatus,
    ApplicationTransition,
    ApprovalDecision,
    CommitteeVote,
    DecisionKind,
    Document,
    Instalment,
    Investigation,
    Loan,
    LoanApplication,
    LoanProduct,
    LoanStatus,
    OtherBorrowing,
    Repayment,
    RepaymentLine,
    Vote,
)
from loans.schedules import (
    InstalmentState,
    allocate_repayment,
    build_schedule,
    money,
    penalty_charged,
)

S = ApplicationStatus


# --- helpers --------------------------------------------------------------------------------


def _lock(application: LoanApplication) -> LoanApplication:
    return (
        LoanApplication.objects.select_for_update(of=("self",))
        .select_related("customer", "product")
        .get(pk=application.pk)
    )


def _require_status(application: LoanApplication, allowed, action: str) -> None:
    if application.status not in allowed:
        raise ValidationError(
            _("申请当前状态为“%(status)s”，不能%(action)s。")
            % {"status": application.get_status_display(), "action": action}
        )


def _require_writer(user: User) -> None:
    if not can_write(user):
        raise ValidationError(_("您没有修改权限。"))


def _require_in_scope(application: LoanApplication, user: User) -> None:
    if not LoanApplication.objects.visible_to(user).filter(pk=application.pk).exists():
        raise ValidationError(_("该申请不在您的管辖范围内。"))


def _require_handling_manager(application: LoanApplication, user: User) -> None:
    """The application's manager: who created it or who manages the customer."""
    _require_writer(user)
    if user.pk not in (application.created_by_id, application.customer.manager_id):
        raise ValidationError(_("只有经办客户经理可以办理此操作。"))


def _move(
    application: LoanApplication, to: str, *, by: User, comment: str = "", reason: str
) -> None:
    """Change the status, saved with an audit reason, and log the step of the workflow."""
    now = timezone.now()
    previous = application.status
    application.status = to
    application.status_changed_at = now
    application._change_reason = reason
    application._history_user = by
    application.full_clean(exclude=["customer", "product", "created_by", "credit_line"])
    application.save()
    ApplicationTransition.objects.create(
        application=application, from_status=previous, to_status=to, at=now, by=by, comment=comment
    )


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def four_eyes_problem(application: LoanApplication, user: User) -> str | None:
    """审贷分离: nobody decides on what they created, investigated or manage."""
    involved = {application.created_by_id, application.customer.manager_id}
    investigation = getattr(application, "investigation", None)
    if investigation is not None:
        involved |= {investigation.investigator_id, investigation.second_investigator_id}
    if user.pk in involved:
        return _("审贷分离：您经办、调查或管护了该申请，不能审批。")
    return None


def recommendation_for(application: LoanApplication) -> rules.Recommendation:
    investigation = getattr(application, "investigation", None)
    if investigation is None:
        return rules.Recommendation.INCOMPLETE
    return rules.recommend(
        character=investigation.character,
        product=investigation.product_quality,
        collateral=investigation.collateral,
    )


def eligibility_problems(application: LoanApplication, *, on: datetime.date) -> list[str]:
    """Everything that keeps the application from being lent, in the customer's words."""
    customer = application.customer
    amount = application.final_amount
    term = application.final_term_months
    return [
        *rules.product_problems(
            product=application.product,
            customer_type=customer.customer_type,
            amount=amount,
            term_months=term,
            rate=application.final_rate,
            method=application.repayment_method,
        ),
        *rules.age_problems(customer=customer, term_months=term, on=on),
        *rules.credit_problems(
            customer=customer, product=application.product, amount=amount, on=on
        ),
    ]


# --- applications ---------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    customer: Customer,
    product: LoanProduct,
    amount: Decimal,
    term_months: int,
    purpose: str,
    repayment_method: str,
    proposed_rate: Decimal,
    first_repayment_source: str,
    second_repayment_source: str = "",
    production_cycle_months: int = 12,
    created_by: User,
) -> LoanApplication:
    """A new draft application by the customer's account manager."""
    _require_writer(created_by)
    if created_by.role != Role.MANAGER:
        raise ValidationError(_("只有客户经理可以发起贷款申请。"))
    if not Customer.objects.visible_to(created_by).filter(pk=customer.pk).exists():
        raise ValidationError(_("该客户不在您的管辖范围内。"))
    if not product.is_active:
        raise ValidationError(_("该产品已停售。"))
    _raise(
        rules.product_problems(
            product=product,
            customer_type=customer.customer_type,
            amount=amount,
            term_months=term_months,
            rate=proposed_rate,
            method=repayment_method,
        )
    )
    application = LoanApplication(
        customer=customer,
        product=product,
        amount=amount,
        term_months=term_months,
        purpose=purpose,
        repayment_method=repayment_method,
        proposed_rate=proposed_rate,
        first_repayment_source=first_repayment_source,
        second_repayment_source=second_repayment_source,
        production_cycle_months=production_cycle_months,
        created_by=created_by,
    )
    application.full_clean()
    application._change_reason = _("创建申请")
    application._history_user = created_by
    application.save()
    ApplicationTransition.objects.create(
        application=application, from_status="", to_status=S.DRAFT, by=created_by
    )
    return application


@transaction.atomic
def application_update(*, application: LoanApplication, user: User, **fields) -> LoanApplication:
    """Change the request while it is still with the manager."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, EDITABLE_STATUSES, _("修改"))
    allowed = {
        "amount",
        "term_months",
        "purpose",
        "repayment_method",
        "proposed_rate",
        "first_repayment_source",
        "second_repayment_source",
        "production_cycle_months",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("不能修改该字段。"))
        setattr(application, name, value)
    _raise(
        rules.product_problems(
            product=application.product,
            customer_type=application.customer.customer_type,
            amount=application.amount,
            term_months=application.term_months,
            rate=application.proposed_rate,
            method=application.repayment_method,
        )
    )
    application.full_clean()
    application._change_reason = _("修改申请")
    application._history_user = user
    application.save()
    return application


@transaction.atomic
def application_start_investigation(
    *, application: LoanApplication, user: User, second_investigator: User
) -> Investigation:
    """Draft → investigating, with the two investigators (双人调查)."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, [S.DRAFT], _("开始调查"))
    if second_investigator.pk == user.pk:
        raise ValidationError(_("双人调查：协助调查人不能是您本人。"))
    if second_investigator.role != Role.MANAGER or not second_investigator.is_active:
        raise ValidationError(_("协助调查人须为在岗客户经理。"))
    investigation, _created = Investigation.objects.update_or_create(
        application=application,
        defaults={"investigator": user, "second_investigator": second_investigator},
    )
    _move(application, S.INVESTIGATING, by=user, reason=_("开始贷前调查"))
    return investigation


INVESTIGATION_FIELDS = (
    "visit_date",
    "character",
    "character_evidence",
    "product_quality",
    "product_evidence",
    "collateral",
    "collateral_evidence",
    "observe_notes",
    "hear_sources",
    "hear_cross_checked",
    *ASK_ITEMS,
    "ask_notes",
    "annual_sales",
    "profit_margin",
    "sales_growth",
    "own_funds",
    "suggested_amount",
    "suggested_term_months",
    "crit_morality",
    "crit_repayment",
    "crit_capital",
    "crit_environment",
    "crit_guarantee",
    "report",
)


@transaction.atomic
def investigation_update(
    *,
    application: LoanApplication,
    user: User,
    data: dict,
    other_borrowings: list[dict] | None = None,
) -> Investigation:
    """Record findings. Any change needs the second investigator to confirm again."""
    application = _lock(application)
    _require_writer(user)
    _require_status(application, [S.INVESTIGATING, S.RETURNED], _("修改调查"))
    investigation = Investigation.objects.select_for_update().get(application=application)
    if user.pk not in (investigation.investigator_id, application.created_by_id):
        raise ValidationError(_("只有主调查人可以填写调查内容。"))
    for name, value in data.items():
        if name not in INVESTIGATION_FIELDS:
            raise ValidationError(_("不能修改该字段。"))
        setattr(investigation, name, value)
    if other_borrowings is not None:
        investigation.other_borrowings.all().delete()
        for row in other_borrowings:
            OtherBorrowing.objects.create(investigation=investigation, **row)
    # The match (切): suggest amount and term from the computed need and the production cycle.
    need = investigation.working_capital_need()
    if investigation.suggested_amount is None and need is not None:
        investigation.suggested_amount = min(need, application.amount) or None
    if investigation.suggested_term_months is None:
        investigation.suggested_term_months = application.production_cycle_months
    investigation.confirmed_at = None
    investigation.full_clean(exclude=["application", "investigator", "second_investigator"])
    investigation._change_reason = _("填写调查内容")
    investigation._history_user = user
    investigation.save()
    return investigation


@transaction.atomic
def investigation_confirm(*, application: LoanApplication, user: User) -> Investigation:
    """The second investigator confirms the findings (双人调查)."""
    application = _lock(application)
    _require_writer(user)
    _require_status(application, [S.INVESTIGATING, S.RETURNED], _("确认调查"))
    investigation = Investigation.objects.select_for_update().get(application=application)
    if user.pk != investigation.second_investigator_id:
        raise ValidationError(_("只有协助调查人可以确认调查结论。"))
    problems = []
    if not (investigation.character and investigation.product_quality and investigation.collateral):
        problems.append(_("三品（人品、产品、押品）须全部评定。"))
    if investigation.visit_date is None:
        problems.append(_("须填写实地调查日期。"))
    if not investigation.report.strip():
        problems.append(_("须填写调查报告。"))
    _raise(problems)
    investigation.confirmed_at = timezone.now()
    investigation._change_reason = _("协助调查人确认")
    investigation._history_user = user
    investigation.save()
    return investigation


def submission_problems(application: LoanApplication, *, on: datetime.date) -> list[str]:
    investigation = getattr(application, "investigation", None)
    if investigation is None:
        return [_("尚未开展贷前调查。")]
    problems = []
    if not investigation.is_confirmed:
        problems.append(_("协助调查人尚未确认调查结论。"))
    recommendation = recommendation_for(application)
    if recommendation in rules.NOT_SUBMITTABLE:
        problems.append(_("调查结论：%(r)s，不能提交审批。") % {"r": recommendation.label})
    unknown = [
        str(label)
        for name, label in ASK_ITEMS.items()
        if getattr(investigation, name) != Answer.ANSWERED
    ]
    if unknown:
        problems.append(
            _("借款人答不上来或未询问：%(items)s。经营者说不清自己的经营，不予贷款。")
            % {"items": "、".join(unknown)}
        )
    missing = application.missing_documents()
    if missing:
        problems.append(
            _("材料不全，尚缺：%(docs)s。") % {"docs": "、".join(str(m["label"]) for m in missing)}
        )
    return problems + eligibility_problems(application, on=on)


@transaction.atomic
def application_submit(
    *, application: LoanApplication, user: User, on: datetime.date | None = None
) -> LoanApplication:
    """Investigating or returned → submitted for approval."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, [S.INVESTIGATING, S.RETURNED], _("提交审批"))
    _raise(submission_problems(application, on=on or timezone.localdate()))
    application.submitted_at = timezone.now()
    _move(application, S.SUBMITTED, by=user, reason=_("提交审批"))
    return application


@transaction.atomic
def application_withdraw(
    *, application: LoanApplication, user: User, reason: str = ""
) -> LoanApplication:
    """The customer or manager withdraws the application before a decision."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, [S.DRAFT, S.INVESTIGATING, S.RETURNED, S.SUBMITTED], _("撤回"))
    _move(application, S.WITHDRAWN, by=user, comment=reason, reason=_("撤回申请"))
    return application


def _require_approver(application: LoanApplication, user: User, roles) -> None:
    _require_writer(user)
    if user.role not in roles:
        raise ValidationError(_("您没有审批权限。"))
    _require_in_scope(application, user)
    problem = four_eyes_problem(application, user)
    if problem:
        raise ValidationError(problem)


def _decide(application, user, kind, opinion, **extra) -> ApprovalDecision:
    if not opinion.strip():
        raise ValidationError(_("请填写审批意见。"))
    return ApprovalDecision.objects.create(
        application=application, decided_by=user, kind=kind, opinion=opinion, **extra
    )


@transaction.atomic
def application_return(
    *, application: LoanApplication, reviewer: User, comments: str
) -> LoanApplication:
    """Submitted or referred → returned to the manager with the reviewer's comments."""
    application = _lock(application)
    _require_approver(application, reviewer, (Role.BRANCH_HEAD, Role.COMMITTEE))
    allowed = [S.REFERRED] if reviewer.role == Role.COMMITTEE else [S.SUBMITTED]
    _require_status(application, allowed, _("退回"))
    _decide(application, reviewer, DecisionKind.RETURN, comments)
    application.reviewer_comments = comments
    _move(application, S.RETURNED, by=reviewer, comment=comments, reason=_("退回补充"))
    return application


@transaction.atomic
def application_reject(
    *, application: LoanApplication, reviewer: User, opinion: str
) -> LoanApplication:
    """Submitted → rejected by the branch head."""
    application = _lock(application)
    _require_approver(application, reviewer, (Role.BRANCH_HEAD,))
    _require_status(application, [S.SUBMITTED], _("否决"))
    _decide(application, reviewer, DecisionKind.REJECT, opinion)
    _move(application, S.REJECTED, by=reviewer, comment=opinion, reason=_("否决"))
    return application


@transaction.atomic
def application_refer(
    *, application: LoanApplication, reviewer: User, opinion: str
) -> LoanApplication:
    """Submitted → referred to the credit committee (beyond the head's authority)."""
    application = _lock(application)
    _require_approver(application, reviewer, (Role.BRANCH_HEAD,))
    _require_status(application, [S.SUBMITTED], _("提交审贷会"))
    _decide(application, reviewer, DecisionKind.REFER, opinion)
    _move(application, S.REFERRED, by=reviewer, comment=opinion, reason=_("提交审贷会"))
    return application


def _approval_problems(application: LoanApplication, user: User, amount: Decimal) -> list[str]:
    problems = []
    limit = AuthorityLimit.objects.for_user(user)
    max_amount = limit.max_loan_amount if limit else ZERO
    if amount > max_amount:
        problems.append(
            _("金额 %(amount)s 元超出您的审批权限（%(limit)s 元），请提交审贷会。")
            % {"amount": amount, "limit": max_amount}
        )
    if recommendation_for(application) == rules.Recommendation.LEND_WITH_GUARANTEE:
        ratio = coverage_ratio(application)
        if ratio < FULL_COVERAGE:
            problems.append(
                _("调查结论要求追加足额有效担保，当前担保覆盖率 %(ratio)s，须不低于 1。")
                % {"ratio": ratio}
            )
    return problems


@transaction.atomic
def application_approve(
    *,
    application: LoanApplication,
    approver: User,
    opinion: str,
    conditions: str = "",
    amount: Decimal | None = None,
    term_months: int | None = None,
    rate: Decimal | None = None,
) -> LoanApplication:
    """Submitted → approved by a branch head within their authority, possibly on changed
    terms (a lower amount, a shorter term) and with conditions; the contract follows these."""
    application = _lock(application)
    _require_approver(application, approver, (Role.BRANCH_HEAD,))
    _require_status(application, [S.SUBMITTED], _("审批"))
    amount = application.amount if amount is None else amount
    term_months = application.term_months if term_months is None else term_months
    rate = application.proposed_rate if rate is None else rate
    problems = []
    if amount > application.amount:
        problems.append(_("批准金额不能高于申请金额。"))
    if term_months > application.term_months:
        problems.append(_("批准期限不能长于申请期限。"))
    application.approved_amount = amount
    application.approved_term_months = term_months
    application.approved_rate = rate
    problems += _approval_problems(application, approver, amount)
    problems += eligibility_problems(application, on=timezone.localdate())
    _raise(problems)
    _approve(application, approver, opinion, conditions)
    return application


def _approve(application: LoanApplication, user: User, opinion: str, conditions: str) -> None:
    try:
        with transaction.atomic():
            _decide(
                application,
                user,
                DecisionKind.APPROVE,
                opinion,
                conditions=conditions,
                amount=application.approved_amount,
                term_months=application.approved_term_months,
            )
    except IntegrityError as exc:  # the unique constraint: someone approved it already
        raise ValidationError(_("该申请已被批准。")) from exc
    application.approval_conditions = conditions
    application.approved_by = user
    application.approved_at = timezone.now()
    _move(application, S.APPROVED, by=user, comment=opinion, reason=_("批准"))


def committee_size() -> int:
    return User.objects.filter(role=Role.COMMITTEE, is_active=True).count()


def committee_votes_needed(size: int) -> int:
    """The committee rule: a decision needs a strict majority of all active members, and never
    fewer than two votes. With two members that is both; with three, two; with five, three."""
    return max(2, size // 2 + 1)


@transaction.atomic
def committee_vote(
    *, application: LoanApplication, member: User, vote: str, opinion: str = ""
) -> CommitteeVote:
    """A committee member votes on a referred application. The application is approved once
    approvals reach the majority, rejected once a majority is no longer possible."""
    application = _lock(application)
    _require_approver(application, member, (Role.COMMITTEE,))
    _require_status(application, [S.REFERRED], _("表决"))
    if vote not in Vote.values:
        raise ValidationError(_("表决须为同意或不同意。"))
    if application.votes.filter(member=member).exists():
        raise ValidationError(_("您已对该申请表决。"))
    if vote == Vote.APPROVE:
        application.approved_amount = application.amount
        application.approved_term_months = application.term_months
        application.approved_rate = application.proposed_rate
        _raise(_approval_problems(application, member, application.amount))
    record = CommitteeVote.objects.create(
        application=application, member=member, vote=vote, opinion=opinion
    )
    record._history_user = member
    size = committee_size()
    needed = committee_votes_needed(size)
    approvals = application.votes.filter(vote=Vote.APPROVE).count()
    rejections = application.votes.filter(vote=Vote.REJECT).count()
    summary = _("审贷会表决：同意 %(a)s 票，不同意 %(r)s 票。") % {"a": approvals, "r": rejections}
    if approvals >= needed:
        _approve(application, member, summary, "")
    elif rejections > size - needed:
        application.approved_amount = None
        application.approved_term_months = None
        application.approved_rate = None
        _decide(application, member, DecisionKind.REJECT, summary)
        _move(application, S.REJECTED, by=member, comment=summary, reason=_("审贷会否决"))
    return record


# --- documents ------------------------------------------------------------------------------


@transaction.atomic
def document_upload(*, application: LoanApplication, user: User, kind: str, upload) -> Document:
    """Add a scanned document to the credit file: PDF, JPEG or PNG by content, at most 10 MB."""
    application = _lock(application)
    _require_writer(user)
    _require_in_scope(application, user)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("文件超过 10 MB 上限。"))
    content_type = sniff_upload(upload)
    if content_type not in ALLOWED_CONTENT_TYPES:
        raise ValidationError(_("只接受 PDF、JPEG 或 PNG 文件（按文件内容识别）。"))
    document = Document(
        application=application,
        kind=kind,
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    document.full_clean(exclude=["file"])
    document._change_reason = _("上传材料")
    document._history_user = user
    document.save()
    return document


# --- contract, disbursement, repayment ------------------------------------------------------


def next_contract_number(*, branch_code: str, year: int) -> str:
    """Gapless per branch and year: the sequence row is locked until the transaction ends."""
    value = get_next_value(f"contract-{branch_code}-{year}")
    return f"{branch_code}-{year}-{value:06d}"


@transaction.atomic
def application_sign_contract(
    *, application: LoanApplication, user: User, signed_on: datetime.date | None = None
) -> LoanApplication:
    """Approved → contract signed, on the approved terms, with the next contract number."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, [S.APPROVED], _("签订合同"))
    signed_on = signed_on or timezone.localdate()
    application.contract_number = next_contract_number(
        branch_code=application.customer.branch.code, year=signed_on.year
    )
    application.contract_signed_on = signed_on
    _move(
        application,
        S.CONTRACT_SIGNED,
        by=user,
        comment=application.contract_number,
        reason=_("签订合同"),
    )
    return application


@transaction.atomic
def application_disburse(
    *, application: LoanApplication, user: User, disbursed_on: datetime.date | None = None
) -> Loan:
    """Contract signed → disbursed: the loan and its repayment schedule on the approved terms."""
    application = _lock(application)
    _require_handling_manager(application, user)
    _require_status(application, [S.CONTRACT_SIGNED], _("放款"))
    disbursed_on = disbursed_on or timezone.localdate()
    if disbursed_on < application.contract_signed_on:
        raise ValidationError(_("放款日不能早于合同签订日。"))
    amount = application.final_amount
    line = None
    if application.product.needs_credit_line:
        # Lock the line so two disbursements cannot both draw its last yuan.
        line = (
            CreditLine.objects.select_for_update()
            .filter(pk__in=application.customer.credit_lines.in_force_on(disbursed_on).values("pk"))
            .first()
        )
        if line is None:
            raise ValidationError(_("该产品要求有效的授信额度，客户当前没有有效授信。"))
        if line.available() < amount:
            raise ValidationError(
                _("授信额度可用余额 %(available)s 元，不足放款金额 %(amount)s 元。")
                % {"available": line.available(), "amount": amount}
            )
        application.credit_line = line
    schedule = build_schedule(
        principal=amount,
        annual_rate=application.final_rate,
        term_months=application.final_term_months,
        method=application.repayment_method,
        start_date=disbursed_on,
    )
    loan = Loan(
        application=application,
        customer=application.customer,
        credit_line=line,
        contract_number=application.contract_number,
        principal=amount,
        annual_rate=application.final_rate,
        term_months=application.final_term_months,
        repayment_method=application.repayment_method,
        disbursed_on=disbursed_on,
        maturity_date=schedule[-1].due_date,
        outstanding_principal=amount,
        next_due_date=schedule[0].due_date,
    )
    loan._change_reason = _("放款")
    loan._history_user = user
    loan.save()
    Instalment.objects.bulk_create(
        Instalment(
            loan=loan,
            number=row.number,
            due_date=row.due_date,
            principal_due=row.principal,
            interest_due=row.interest,
        )
        for row in schedule
    )
    _move(application, S.DISBURSED, by=user, comment=loan.contract_number, reason=_("放款"))
    return loan


def _lock_loan(loan: Loan) -> Loan:
    return (
        Loan.objects.select_for_update(of=("self",)).select_related("application").get(pk=loan.pk)
    )


def _require_loan_manager(loan: Loan, user: User) -> None:
    _require_writer(user)
    if user.pk not in (loan.customer.manager_id, loan.application.created_by_id):
        raise ValidationError(_("只有管户客户经理可以登记还款。"))


def refresh_loan_state(loan: Loan, instalments: list[Instalment], *, today: datetime.date) -> None:
    """Balance, paid-through date, next due date and overdue date from the instalments."""
    loan.outstanding_principal = loan.principal - sum((i.principal_paid for i in instalments), ZERO)
    paid_through = None
    for inst in instalments:
        if not inst.is_paid:
            break
        paid_through = inst.due_date
    unpaid = [i for i in instalments if not i.is_paid]
    loan.paid_through = paid_through
    loan.next_due_date = unpaid[0].due_date if unpaid else None
    loan.overdue_since = unpaid[0].due_date if unpaid and unpaid[0].due_date < today else None


def _rescale_future_interest(
    loan: Loan, instalments: list[Instalment], before: dict[int, Decimal], paid_on: datetime.date
) -> None:
    """Interest accrues on the outstanding balance: after an early repayment the interest of
    every later period shrinks in proportion to the principal still owed in it."""
    period_start = loan.disbursed_on
    for inst in instalments:
        start, period_start = period_start, inst.due_date
        if start < paid_on or inst.interest_paid > 0:
            continue
        old = before[inst.number]
        new = sum(
            (i.principal_due - i.principal_paid for i in instalments if i.number >= inst.number),
            ZERO,
        )
        if old > 0 and new < old:
            inst.interest_due = money(inst.interest_due * new / old)


def _states(rows: list[Instalment]) -> list[InstalmentState]:
    return [
        InstalmentState(
            number=i.number,
            due_date=i.due_date,
            principal_due=i.principal_due,
            interest_due=i.interest_due,
            principal_paid=i.principal_paid,
            interest_paid=i.interest_paid,
            penalty_paid=i.penalty_paid,
            penalty_accrued=i.penalty_accrued,
            penalty_accrued_to=i.penalty_accrued_to,
        )
        for i in rows
    ]


@transaction.atomic
def loan_record_repayment(
    *, loan: Loan, user: User, amount: Decimal, paid_on: datetime.date | None = None
) -> Repayment:
    """Record a repayment: penalty interest, then interest, then principal, oldest instalment
    first; the rest repays principal early (from the last instalment backwards)."""
    loan = _lock_loan(loan)
    _require_loan_manager(loan, user)
    today = timezone.localdate()
    paid_on = paid_on or today
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("贷款已结清或核销，不能再登记还款。"))
    if amount is None or amount <= 0:
        raise ValidationError(_("还款金额须大于零。"))
    if paid_on < loan.disbursed_on or paid_on > today:
        raise ValidationError(_("还款日须在放款日与今天之间。"))
    last = loan.repayments.order_by("-paid_on").values_list("paid_on", flat=True).first()
    if last and paid_on < last:
        raise ValidationError(_("还款日不能早于上一笔还款日 %(day)s。") % {"day": last})
    instalments = list(loan.instalments.select_for_update().order_by("number"))
    open_rows = [i for i in instalments if not i.is_paid]
    allocation = allocate_repayment(
        instalments=_states(open_rows),
        amount=amount,
        on=paid_on,
        annual_rate=loan.annual_rate,
    )
    if allocation.unapplied > 0:
        raise ValidationError(
            _("还款金额超出全部欠款 %(extra)s 元。") % {"extra": allocation.unapplied}
        )
    by_number = {i.number: i for i in instalments}
    before = {
        i.number: sum(
            (j.principal_due - j.principal_paid for j in instalments if j.number >= i.number),
            ZERO,
        )
        for i in instalments
    }
    parts: dict[int, list[Decimal]] = {}
    states = {state.number: state for state in _states(open_rows)}
    for line in allocation.lines:
        inst = by_number[line.number]
        if line.to_principal > 0 and inst.due_date < paid_on:
            inst.penalty_accrued = penalty_charged(
                states[inst.number], on=paid_on, annual_rate=loan.annual_rate
            )
            inst.penalty_accrued_to = paid_on
        inst.penalty_paid += line.to_penalty
        inst.interest_paid += line.to_interest
        inst.principal_paid += line.to_principal
        parts[line.number] = [line.to_penalty, line.to_interest, line.to_principal]
    prepaid = allocation.prepaid_principal
    for inst in reversed(instalments):
        if prepaid <= 0:
            break
        take = min(prepaid, inst.principal_due - inst.principal_paid)
        if take > 0:
            inst.principal_paid += take
            prepaid -= take
            parts.setdefault(inst.number, [ZERO, ZERO, ZERO])[2] += take
    if prepaid > 0:
        raise ValidationError(_("还款金额超出全部欠款 %(extra)s 元。") % {"extra": prepaid})
    if allocation.prepaid_principal > 0:
        _rescale_future_interest(loan, instalments, before, paid_on)
    for inst in instalments:
        if inst.is_paid and inst.paid_on is None:
            inst.paid_on = paid_on
    Instalment.objects.bulk_update(
        instalments,
        [
            "principal_paid",
            "interest_paid",
            "penalty_paid",
            "penalty_accrued",
            "penalty_accrued_to",
            "interest_due",
            "paid_on",
        ],
    )
    to_penalty = sum((p[0] for p in parts.values()), ZERO)
    to_interest = sum((p[1] for p in parts.values()), ZERO)
    to_principal = sum((p[2] for p in parts.values()), ZERO)
    repayment = Repayment(
        loan=loan,
        paid_on=paid_on,
        amount=to_penalty + to_interest + to_principal,
        to_penalty=to_penalty,
        to_interest=to_interest,
        to_principal=to_principal,
        prepaid_principal=allocation.prepaid_principal,
        recorded_by=user,
    )
    if repayment.amount != amount:
        raise ValidationError(_("还款分配与还款金额不一致。"))
    repayment._change_reason = _("登记还款")
    repayment._history_user = user
    repayment.save()
    RepaymentLine.objects.bulk_create(
        RepaymentLine(
            repayment=repayment,
            instalment=by_number[number],
            to_penalty=p[0],
            to_interest=p[1],
            to_principal=p[2],
        )
        for number, p in sorted(parts.items())
    )
    refresh_loan_state(loan, instalments, today=today)
    if all(i.is_paid for i in instalments):
        loan.status = LoanStatus.SETTLED
        loan.settled_on = paid_on
        application = _lock(loan.application)
        _move(application, S.SETTLED, by=user, reason=_("贷款结清"))
    loan._change_reason = _("登记还款")
    loan._history_user = user
    loan.save()
    return repayment


@transaction.atomic
def loan_write_off(*, loan: Loan, user: User, reason: str) -> Loan:
    """An active loan judged uncollectable is written off (核销) by head office."""
    loan = _lock_loan(loan)
    _require_writer(user)
    if user.role not in (Role.COMMITTEE, Role.ADMIN):
        raise ValidationError(_("只有总行审贷会可以核销贷款。"))
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("只有未结清的贷款可以核销。"))
    if not reason.strip():
        raise ValidationError(_("请填写核销原因。"))
    loan.status = LoanStatus.WRITTEN_OFF
    loan._change_reason = _("核销")
    loan._history_user = user
    loan.save()
    application = _lock(loan.application)
    _move(application, S.WRITTEN_OFF, by=user, comment=reason, reason=_("核销"))
    return loan


def loans_mark_overdue(*, on: datetime.date) -> int:
    """Set-based, for the nightly job: loans whose oldest unpaid instalment fell due before
    ``on`` get their overdue date. Returns how many loans changed."""
    return (
        Loan.objects.active()
        .filter(next_due_date__lt=on, overdue_since__isnull=True)
        .update(overdue_since=F("next_due_date"))
    )
