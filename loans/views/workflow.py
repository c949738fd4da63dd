"""The steps of an application: investigation, submission, decisions, the contract. Each
calls one service; a refusal is shown beside the form or as a message (``creditdesk.web``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import get_for_user
from guarantees.views.structure import structure_context
from loans import prefill, services
from loans.forms import (
    BorrowingFormSet,
    DayForm,
    InvestigationForm,
    ReviewForm,
    StartInvestigationForm,
    VoteForm,
    WithdrawForm,
)
from loans.models import Investigation
from loans.views.applications import get_application, render_detail
from loans.views.base import save_form


@login_required
@require_POST
def start_investigation(request, pk: int):
    application = get_application(request, pk, write=True)
    form = StartInvestigationForm(request.POST, application=application, user=request.user)
    done = save_form(
        request,
        form,
        services.application_start_investigation,
        arguments=lambda data: {"application": application, "user": request.user, **data},
        success=_("已开始贷前调查。"),
        then=reverse("loans:investigation_edit", args=[application.pk]),
    )
    if done:
        return done
    return render_detail(request, application, start_form=form)


def _borrowing_rows(borrowings) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k in ("lender", "amount", "rate")}
        for row in borrowings.cleaned_data
        if row.get("lender") and row.get("amount")
    ]


@login_required
def investigation_edit(request, pk: int):
    application = get_application(request, pk, write=request.method == "POST")
    investigation = get_for_user(Investigation.objects.all(), request.user, application=application)
    if request.method == "POST":
        form = InvestigationForm(request.POST, instance=investigation)
        borrowings = BorrowingFormSet(request.POST, prefix="b")
        if form.is_valid() and borrowings.is_valid():
            done = web.submit(
                form,
                services.investigation_update,
                application=application,
                user=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                other_borrowings=_borrowing_rows(borrowings),
            )
            if done is not web.NOT_DONE:
                messages.success(request, _("调查内容已保存，请协助调查人确认。"))
                return redirect(application.get_absolute_url())
    else:
        # A fresh investigation starts from what the bank knows (loans.prefill), not blank.
        initial = (
            prefill.investigation_initial(application, timezone.localdate())
            if prefill.is_fresh(investigation)
            else None
        )
        form = InvestigationForm(instance=investigation, initial=initial)
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
            "report_draft": _report_draft(application),
            **structure_context(application, request.user),
        },
    )


def _report_draft(application) -> str:
    """The report's skeleton for the "draft the report" button: the request's figures filled
    here, the findings' ``{field}`` tokens filled in the browser from what was just chosen."""
    return _(
        "{visit_date}，经双人实地调查：借款人人品{character}，{character_evidence}；"
        "产品{product_quality}，{product_evidence}；押品{collateral}，{collateral_evidence}。"
        "口碑来源：{hear_sources}。年销售收入约 {annual_sales} 元。"
        "申请 %(amount)s 元、%(term)s 个月，用于%(purpose)s，第一还款来源为%(source)s。"
        "调查结论：建议发放。"
    ) % {
        "amount": f"{application.amount:,.2f}",
        "term": application.term_months,
        "purpose": application.purpose,
        "source": application.first_repayment_source,
    }


def _step(request, pk: int, service, success: str, form_class=None, **kwargs):
    """A button on the application page: its small form (if any) cleaned, then the service
    called with the application and the user; the outcome as a message."""
    application = get_application(request, pk, write=True)
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect(application.get_absolute_url())
        data = form.cleaned_data
    arguments = {name: data.get(field) for name, field in kwargs.items()}
    return web.act(
        request,
        service,
        success=success,
        then=application.get_absolute_url(),
        application=application,
        user=request.user,
        **arguments,
    )


@login_required
@require_POST
def investigation_confirm(request, pk: int):
    return _step(request, pk, services.investigation_confirm, _("您已确认调查结论。"))


@login_required
@require_POST
def submit(request, pk: int):
    return _step(request, pk, services.application_submit, _("申请已提交审批。"))


@login_required
@require_POST
def withdraw(request, pk: int):
    return _step(
        request, pk, services.application_withdraw, _("申请已撤回。"), WithdrawForm, reason="reason"
    )


@login_required
@require_POST
def sign_contract(request, pk: int):
    return _step(
        request,
        pk,
        services.application_sign_contract,
        _("合同已签订。"),
        DayForm,
        signed_on="day",
    )


_DECISIONS = {
    "approve": services.application_approve,
    "return": services.application_return,
    "reject": services.application_reject,
    "refer": services.application_refer,
}


def _decision(application, user, action: str, data: dict) -> dict:
    """The arguments of the service behind one button of the review form."""
    if action == "approve":
        return {
            "application": application,
            "approver": user,
            "opinion": data["opinion"],
            "conditions": data["conditions"],
            "amount": data["amount"],
            "term_months": data["term_months"],
        }
    opinion = "comments" if action == "return" else "opinion"
    return {"application": application, "reviewer": user, opinion: data["opinion"]}


@login_required
@require_POST
def review(request, pk: int):
    """The branch head's decision: approve (maybe on changed terms), return, reject, refer."""
    application = get_application(request, pk, write=True)
    form = ReviewForm(request.POST)
    action = request.POST.get("action")
    if action not in dict(ReviewForm.ACTIONS):
        form.add_error(None, _("请选择审批结论。"))
    done = save_form(
        request,
        form,
        _DECISIONS.get(action, services.application_approve),
        arguments=lambda data: _decision(application, request.user, action, data),
        success=_("审批意见已记录。"),
        then=application.get_absolute_url(),
    )
    return done or render_detail(request, application, review_form=form)


@login_required
@require_POST
def vote(request, pk: int):
    application = get_application(request, pk, write=True)
    form = VoteForm(request.POST)
    done = save_form(
        request,
        form,
        services.committee_vote,
        arguments=lambda data: {"application": application, "member": request.user, **data},
        success=_("表决已记录。"),
        then=application.get_absolute_url(),
    )
    if done:
        return done
    return render_detail(request, application, vote_form=form)
