"""Loan pages: the ledger, a loan with its schedule, repayment and the disbursement that
opens it. Thin: reads through ``visible_to``, changes through ``postloan.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import get_for_user, may
from creditdesk.files import serve_stored_file
from creditdesk.paging import Paginator
from loans.models import LoanApplication
from loans.views.base import save_form
from postloan import queries, services
from postloan.filters import LoanFilter
from postloan.forms import (
    ClassifyForm,
    DecideForm,
    DisburseForm,
    InspectionForm,
    PhotoForm,
    RepaymentForm,
    RestructureForm,
    StartInspectionForm,
)
from postloan.models import ClassificationProposal, Inspection, InspectionPhoto, Loan, LoanStatus
from postloan.queries import is_handler

PAGE_SIZE = 25


def _get_loan(request, pk, *, write: bool = False) -> Loan:
    return get_for_user(
        Loan.objects.select_related("customer", "application__product"),
        request.user,
        write=write,
        pk=pk,
    )


@login_required
def loan_list(request):
    """The ledger (贷款台账): search and filters over the loans in scope, the count and
    balance of what they select, a page of rows linking to each loan and customer."""
    loans = Loan.objects.visible_to(request.user).select_related(
        "customer", "application__product", "manager"
    )
    filterset = LoanFilter(request.GET or None, queryset=loans, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for loan in page.object_list:
        loan.days_overdue = loan.days_past_due_on(today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "postloan/loan_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "totals": filterset.qs.totals(),
            "show_manager": "manager" in filterset.filters,
        },
    )


def _render_detail(request, loan: Loan, form: RepaymentForm | None = None, **forms):
    repayments = loan.repayments.select_related("recorded_by").prefetch_related(Prefetch("lines"))
    return render(
        request,
        "postloan/loan_detail.html",
        {
            "loan": loan,
            "instalments": loan.instalments.all(),
            "repayments": repayments,
            "form": form or RepaymentForm(),
            "today": timezone.localdate(),
            "is_handler": is_handler(loan, request.user),
            "inspections": loan.inspections.select_related("inspector"),
            "may_inspect": may(request.user, "postloan.inspect")
            and loan.status == LoanStatus.ACTIVE,
            "start_form": StartInspectionForm(),
            **queries.classification_card(loan, request.user),
            "classify_form": forms.get("classify_form") or ClassifyForm(),
            "decide_form": forms.get("decide_form") or DecideForm(),
            "restructure_form": forms.get("restructure_form") or RestructureForm(),
        },
    )


@login_required
def loan_detail(request, pk: int):
    return _render_detail(request, _get_loan(request, pk))


@login_required
@require_POST
def record_repayment(request, pk: int):
    loan = _get_loan(request, pk, write=True)
    form = RepaymentForm(request.POST)
    done = save_form(
        request,
        form,
        services.loan_record_repayment,
        arguments=lambda data: {"loan": loan, "user": request.user, **data},
        success=_("还款已登记。"),
        then=loan.get_absolute_url(),
    )
    if done:
        return done
    return _render_detail(request, loan, form)


@login_required
@require_POST
def disburse(request, pk: int):
    """The application page's disburse button: the loan opened, then its page."""
    application = get_for_user(LoanApplication.objects.all(), request.user, write=True, pk=pk)
    form = DisburseForm(request.POST)
    if not form.is_valid():  # a date that is no date is refused, not replaced by today
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application.get_absolute_url())
    day = form.cleaned_data["day"]
    try:
        loan = services.loan_open(application=application, by=request.user, day=day)
    except ValidationError as exc:  # (a button, not a form: the refusal as messages)
        for message in exc.messages:
            messages.error(request, message)
        return redirect(application.get_absolute_url())
    messages.success(request, _("已放款，还款计划已生成。"))
    return redirect(loan.get_absolute_url())


# --- inspections (贷后检查) ---


def _get_inspection(request, pk, *, write: bool = False) -> Inspection:
    return get_for_user(
        Inspection.objects.select_related("loan__customer", "loan__manager", "inspector"),
        request.user,
        write=write,
        pk=pk,
    )


@login_required
def inspection_worklist(request):
    """The week's inspections: loans due, large and exceptions first; open drafts; the
    latest inspections done."""
    today = timezone.localdate()
    user = request.user
    mine = Inspection.objects.visible_to(user).select_related("loan__customer", "inspector")
    return render(
        request,
        "postloan/inspection_worklist.html",
        {
            "loans": queries.inspection_worklist(user, on=today)[: PAGE_SIZE * 4],
            "drafts": mine.drafts(),
            "done": mine.submitted().order_by("-submitted_at")[:PAGE_SIZE],
            "today": today,
            "may_inspect": may(user, "postloan.inspect"),
            "start_form": StartInspectionForm(),
        },
    )


@login_required
@require_POST
def inspection_start(request, pk: int):
    loan = _get_loan(request, pk, write=True)
    form = StartInspectionForm(request.POST)
    if not form.is_valid():
        return redirect(loan.get_absolute_url())
    try:
        inspection = services.inspection_start(loan=loan, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(loan.get_absolute_url())
    return redirect(inspection.get_absolute_url())


def _render_inspection(request, inspection: Inspection, form=None, photo_form=None, status=200):
    editable = inspection.is_draft and inspection.inspector_id == request.user.pk
    if editable and form is None:
        form = InspectionForm(instance=inspection)
    return render(
        request,
        "postloan/inspection.html",
        {
            "inspection": inspection,
            "loan": inspection.loan,
            "photos": inspection.photos.all(),
            "form": form if editable else None,
            "photo_form": photo_form or PhotoForm(),
            "editable": editable,
        },
        status=status,
    )


@login_required
def inspection_detail(request, pk: int):
    """The inspection: its form while it is the viewer's draft (saved as it is filled, by
    htmx on every change), else the record."""
    if request.method != "POST":
        return _render_inspection(request, _get_inspection(request, pk))
    inspection = _get_inspection(request, pk, write=True)
    form = InspectionForm(request.POST, instance=inspection)
    saved = form.is_valid() and (
        web.submit(
            form,
            services.inspection_save_draft,
            inspection=inspection,
            by=request.user,
            values=form.values(),
        )
        is not web.NOT_DONE
    )
    if request.headers.get("HX-Request"):  # the autosave: a line of state, not a page
        return render(
            request,
            "postloan/_inspection_saved.html",
            {"saved": saved, "form": form, "now": timezone.localtime()},
        )
    if not saved:
        return _render_inspection(request, inspection, form=form)
    messages.success(request, _("草稿已保存。"))
    return redirect(inspection.get_absolute_url())


@login_required
@require_POST
def inspection_submit(request, pk: int):
    inspection = _get_inspection(request, pk, write=True)
    form = InspectionForm(request.POST, instance=inspection)
    done = save_form(
        request,
        form,
        services.inspection_submit,
        arguments=lambda data: {
            "inspection": inspection,
            "by": request.user,
            "values": form.values(),
        },
        success=_("贷后检查已提交。"),
        then=inspection.get_absolute_url(),
    )
    if done:
        return done
    inspection.refresh_from_db()  # (the form, not the instance, holds what was typed)
    return _render_inspection(request, inspection, form=form)


@login_required
@require_POST
def inspection_photo_add(request, pk: int):
    inspection = _get_inspection(request, pk, write=True)
    form = PhotoForm(request.POST, request.FILES)
    done = save_form(
        request,
        form,
        services.inspection_add_photo,
        arguments=lambda data: {
            "inspection": inspection,
            "by": request.user,
            "upload": data["photo"],
            "caption": data["caption"],
        },
        success=_("照片已上传。"),
        then=inspection.get_absolute_url() + "#photos",
    )
    return done or _render_inspection(request, inspection, photo_form=form)


@login_required
def inspection_photo(request, pk: int):
    """A photo, served only to those who may read its inspection."""
    photo = get_for_user(InspectionPhoto.objects.all(), request.user, pk=pk)
    return serve_stored_file(
        photo.file, content_type=photo.content_type, filename=photo.download_name
    )


@login_required
@require_POST
def inspection_photo_remove(request, pk: int):
    photo = get_for_user(
        InspectionPhoto.objects.select_related("inspection"), request.user, write=True, pk=pk
    )
    return web.act(
        request,
        services.inspection_remove_photo,
        photo=photo,
        by=request.user,
        success=_("照片已删除。"),
        then=photo.inspection.get_absolute_url() + "#photos",
    )


@login_required
def warning_board(request):
    """The early-warning board (预警看板) of the loans in the viewer's scope."""
    rows = queries.warning_board(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "postloan/warning_board.html",
        {"page": page, "today": timezone.localdate()},
    )


# --- five-category classification (五级分类) ---


@login_required
@require_POST
def classification_propose(request, pk: int):
    loan = _get_loan(request, pk, write=True)
    form = ClassifyForm(request.POST)
    if form.is_valid():
        done = web.submit(
            form, services.classification_propose, loan=loan, by=request.user, **form.cleaned_data
        )
        if done is not web.NOT_DONE:
            messages.success(
                request,
                _("分类已调整。") if done.status == "applied" else _("分类上调已提交行长审批。"),
            )
            return redirect(loan.get_absolute_url() + "#classification-card")
    return _render_detail(request, loan, classify_form=form)


@login_required
@require_POST
def classification_decide(request, pk: int):
    proposal = get_for_user(
        ClassificationProposal.objects.select_related("loan"), request.user, write=True, pk=pk
    )
    form = DecideForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        done = web.submit(
            form,
            services.classification_decide,
            proposal=proposal,
            by=request.user,
            approve=approve,
            opinion=form.cleaned_data["opinion"],
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("已同意分类上调。") if approve else _("已驳回分类上调。"))
            return redirect(proposal.loan.get_absolute_url() + "#classification-card")
    return _render_detail(request, _get_loan(request, proposal.loan_id), decide_form=form)


@login_required
@require_POST
def loan_restructure(request, pk: int):
    loan = _get_loan(request, pk, write=True)
    form = RestructureForm(request.POST)
    if form.is_valid():
        done = web.submit(
            form, services.loan_mark_restructured, loan=loan, by=request.user, **form.cleaned_data
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("已标记，观察期内不得分为正常类。"))
            return redirect(loan.get_absolute_url() + "#classification-card")
    return _render_detail(request, loan, restructure_form=form)


@login_required
def classification_proposals(request):
    """The upgrades of a category waiting for a branch head, in the viewer's scope."""
    rows = queries.pending_proposals(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "postloan/classification_proposals.html", {"page": page})
