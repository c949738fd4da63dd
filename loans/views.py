"""Loan pages: thin views that read through visible_to and change through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import get_for_user
from loans import services
from loans.forms import (
    ApplicationEditForm,
    ApplicationForm,
    BorrowingFormSet,
    DayForm,
    DocumentForm,
    InvestigationForm,
    RepaymentForm,
    ReviewForm,
    StartInvestigationForm,
    VoteForm,
    WithdrawForm,
)
from loans.models import (
    ApplicationStatus,
    Document,
    Investigation,
    Loan,
    LoanApplication,
)

PAGE_SIZE = 25


def _get_application(request, pk: int, *, write: bool = False) -> LoanApplication:
    return get_for_user(
        LoanApplication.objects.select_related(
            "customer__branch", "customer__manager", "product", "created_by", "approved_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def _get_loan(request, pk: int, *, write: bool = False) -> Loan:
    return get_for_user(
        Loan.objects.select_related("customer", "application__product"),
        request.user,
        write=write,
        pk=pk,
    )


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _done(request, call, success: str, target):
    """Run a service call; report its refusal as messages instead of a crash."""
    try:
        call()
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, success)
    return redirect(target)


@login_required
def application_list(request):
    applications = LoanApplication.objects.visible_to(request.user).for_list()
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "loans/application_list.html",
        {"page": page, "status": status, "statuses": ApplicationStatus.choices},
    )


@login_required
def approval_queue(request):
    applications = LoanApplication.objects.approval_queue(request.user)
    return render(request, "loans/queue.html", {"applications": applications})


@login_required
def application_create(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                application = services.application_create(
                    created_by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("申请已创建。"))
                return redirect("loans:application_detail", pk=application.pk)
    else:
        form = ApplicationForm(user=request.user, initial=request.GET.dict())
    return render(request, "loans/application_form.html", {"form": form})


@login_required
def application_edit(request, pk: int):
    """Change the request while it is with the manager (draft, investigating, returned)."""
    application = _get_application(request, pk, write=request.method == "POST")
    if request.method == "POST":
        form = ApplicationEditForm(request.POST, instance=LoanApplication(pk=application.pk))
        if form.is_valid():
            try:
                services.application_update(
                    application=application, user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("申请已修改。"))
                return redirect(application.get_absolute_url())
    else:
        form = ApplicationEditForm(instance=application)
    return render(
        request, "loans/application_form.html", {"form": form, "application": application}
    )


@login_required
def application_detail(request, pk: int):
    application = _get_application(request, pk)
    investigation = (
        Investigation.objects.select_related("investigator", "second_investigator")
        .prefetch_related("other_borrowings")
        .filter(application=application)
        .first()
    )
    user = request.user
    context = {
        "application": application,
        "investigation": investigation,
        "recommendation": services.recommendation_for(application),
        "timeline": application.time_in_states(),
        "checklist": application.document_checklist(),
        "documents": application.documents.select_related("uploaded_by"),
        "decisions": application.decisions.select_related("decided_by"),
        "votes": application.votes.select_related("member"),
        "loan": Loan.objects.filter(application=application).first(),
        "is_handler": user.pk in (application.created_by_id, application.customer.manager_id),
        "is_second_investigator": investigation is not None
        and investigation.second_investigator_id == user.pk,
        "can_review": user.is_branch_head and application.status == ApplicationStatus.SUBMITTED,
        "can_vote": user.is_committee
        and application.status == ApplicationStatus.REFERRED
        and not application.votes.filter(member=user).exists(),
        "start_form": StartInvestigationForm(user=user),
        "document_form": DocumentForm(),
        "review_form": ReviewForm(),
        "vote_form": VoteForm(),
        "day_form": DayForm(),
        "withdraw_form": WithdrawForm(),
        "four_eyes": services.four_eyes_problem(application, user),
    }
    return render(request, "loans/application_detail.html", context)


@login_required
@require_POST
def start_investigation(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = StartInvestigationForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("请选择协助调查人。"))
        return redirect(application_detail, pk=pk)
    return _start(request, application, form)


def _start(request, application, form):
    try:
        services.application_start_investigation(
            application=application,
            user=request.user,
            second_investigator=form.cleaned_data["second_investigator"],
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("loans:application_detail", pk=application.pk)
    messages.success(request, _("已开始贷前调查。"))
    return redirect("loans:investigation_edit", pk=application.pk)


@login_required
def investigation_edit(request, pk: int):
    application = _get_application(request, pk, write=request.method == "POST")
    investigation = get_for_user(Investigation.objects.all(), request.user, application=application)
    if request.method == "POST":
        form = InvestigationForm(request.POST, instance=investigation)
        borrowings = BorrowingFormSet(request.POST, prefix="b")
        if form.is_valid() and borrowings.is_valid():
            rows = [
                {k: v for k, v in row.items() if k in ("lender", "amount", "rate")}
                for row in borrowings.cleaned_data
                if row.get("lender") and row.get("amount")
            ]
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.investigation_update(
                    application=application, user=request.user, data=data, other_borrowings=rows
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("调查内容已保存，请协助调查人确认。"))
                return redirect("loans:application_detail", pk=pk)
    else:
        form = InvestigationForm(instance=investigation)
        borrowings = BorrowingFormSet(
            prefix="b",
            initial=[
                {"lender": b.lender, "amount": b.amount, "rate": b.rate}
                for b in investigation.other_borrowings.all()
            ],
        )
    return render(
        request,
        "loans/investigation_form.html",
        {
            "application": application,
            "investigation": investigation,
            "form": form,
            "borrowings": borrowings,
            "need": investigation.working_capital_need(),
        },
    )


@login_required
@require_POST
def investigation_confirm(request, pk: int):
    application = _get_application(request, pk, write=True)
    return _done(
        request,
        lambda: services.investigation_confirm(application=application, user=request.user),
        _("您已确认调查结论。"),
        application.get_absolute_url(),
    )


@login_required
@require_POST
def document_upload(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application.get_absolute_url())
    return _done(
        request,
        lambda: services.document_upload(
            application=application,
            user=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        ),
        _("材料已上传。"),
        application.get_absolute_url(),
    )


@login_required
def document_download(request, pk: int):
    """A scanned document, served only to those who may read its application."""
    document = get_for_user(Document.objects.all(), request.user, pk=pk)
    return FileResponse(document.file.open("rb"), content_type=document.content_type)


@login_required
def missing_documents(request, pk: int):
    """一次性告知: everything still needed, on one printable page."""
    application = _get_application(request, pk)
    return render(
        request,
        "loans/missing_documents.html",
        {"application": application, "missing": application.missing_documents()},
    )


@login_required
@require_POST
def submit(request, pk: int):
    application = _get_application(request, pk, write=True)
    return _done(
        request,
        lambda: services.application_submit(application=application, user=request.user),
        _("申请已提交审批。"),
        application.get_absolute_url(),
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = WithdrawForm(request.POST)
    form.is_valid()
    return _done(
        request,
        lambda: services.application_withdraw(
            application=application,
            user=request.user,
            reason=form.cleaned_data.get("reason", ""),
        ),
        _("申请已撤回。"),
        application.get_absolute_url(),
    )


@login_required
@require_POST
def review(request, pk: int):
    """The branch head's decision: approve (maybe on changed terms), return, reject, refer."""
    application = _get_application(request, pk, write=True)
    form = ReviewForm(request.POST)
    action = request.POST.get("action")
    if not form.is_valid() or action not in dict(ReviewForm.ACTIONS):
        messages.error(request, _("请填写审批意见。"))
        return redirect(application.get_absolute_url())
    data = form.cleaned_data
    user = request.user
    calls = {
        "approve": lambda: services.application_approve(
            application=application,
            approver=user,
            opinion=data["opinion"],
            conditions=data["conditions"],
            amount=data["amount"],
            term_months=data["term_months"],
        ),
        "return": lambda: services.application_return(
            application=application, reviewer=user, comments=data["opinion"]
        ),
        "reject": lambda: services.application_reject(
            application=application, reviewer=user, opinion=data["opinion"]
        ),
        "refer": lambda: services.application_refer(
            application=application, reviewer=user, opinion=data["opinion"]
        ),
    }
    return _done(request, calls[action], _("审批意见已记录。"), application.get_absolute_url())


@login_required
@require_POST
def vote(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择表决意见。"))
        return redirect(application.get_absolute_url())
    return _done(
        request,
        lambda: services.committee_vote(
            application=application,
            member=request.user,
            vote=form.cleaned_data["vote"],
            opinion=form.cleaned_data["opinion"],
        ),
        _("表决已记录。"),
        application.get_absolute_url(),
    )


@login_required
@require_POST
def sign_contract(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = DayForm(request.POST)
    day = form.cleaned_data["day"] if form.is_valid() else None
    return _done(
        request,
        lambda: services.application_sign_contract(
            application=application, user=request.user, signed_on=day
        ),
        _("合同已签订。"),
        application.get_absolute_url(),
    )


@login_required
@require_POST
def disburse(request, pk: int):
    application = _get_application(request, pk, write=True)
    form = DayForm(request.POST)
    day = form.cleaned_data["day"] if form.is_valid() else None
    try:
        loan = services.application_disburse(
            application=application, user=request.user, disbursed_on=day
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect(application.get_absolute_url())
    messages.success(request, _("已放款，还款计划已生成。"))
    return redirect("loans:loan_detail", pk=loan.pk)


@login_required
def loan_list(request):
    loans = Loan.objects.visible_to(request.user).select_related("customer")
    page = Paginator(loans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "loans/loan_list.html", {"page": page})


@login_required
def loan_detail(request, pk: int):
    loan = _get_loan(request, pk)
    repayments = loan.repayments.select_related("recorded_by").prefetch_related(Prefetch("lines"))
    return render(
        request,
        "loans/loan_detail.html",
        {
            "loan": loan,
            "instalments": loan.instalments.all(),
            "repayments": repayments,
            "form": RepaymentForm(),
            "today": timezone.localdate(),
            "is_handler": request.user.pk
            in (loan.customer.manager_id, loan.application.created_by_id),
        },
    )


@login_required
@require_POST
def record_repayment(request, pk: int):
    loan = _get_loan(request, pk, write=True)
    form = RepaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写还款金额与还款日。"))
        return redirect("loans:loan_detail", pk=pk)
    return _done(
        request,
        lambda: services.loan_record_repayment(
            loan=loan,
            user=request.user,
            amount=form.cleaned_data["amount"],
            paid_on=form.cleaned_data["paid_on"],
        ),
        _("还款已登记。"),
        loan.get_absolute_url(),
    )
