"""Loan pages: the ledger, a loan with its schedule, repayment and the disbursement that
opens it. Thin: reads through ``visible_to``, changes through ``postloan.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import get_for_user
from loans.models import LoanApplication
from loans.views.base import save_form
from postloan import services
from postloan.forms import DisburseForm, RepaymentForm
from postloan.models import Loan
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
    loans = Loan.objects.visible_to(request.user).select_related("customer")
    page = Paginator(loans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "postloan/loan_list.html", {"page": page})


def _render_detail(request, loan: Loan, form: RepaymentForm | None = None):
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
