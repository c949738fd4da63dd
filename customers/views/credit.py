"""Rating and credit pages (评级授信): a customer's ratings and lines, the approver's queue,
approval, revocation, annual review and the printable loan card."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import may
from creditdesk.models import APPROVER_ROLES
from customers.forms import LineProposeForm, ReasonForm, ReviewForm, ScorecardForm
from customers.models import (
    CreditLine,
    CreditLineStatus,
    Customer,
    CustomerType,
    FarmTier,
    GradeBand,
    Scorecard,
)
from customers.queries import line_decision
from customers.services import credit
from customers.views.common import get_customer, get_line, printable


def is_approver(user) -> bool:
    return user.role in APPROVER_ROLES


def customer_credit_context(customer: Customer, user) -> dict:
    """Context of ``customers/credit/_customer_panel.html`` for one customer."""
    today = timezone.localdate()
    lines = customer.credit_lines.all()
    return {
        "credit_customer": customer,
        "credit_rating": customer.ratings.current(today),
        "credit_line": lines.in_force_on(today).first(),
        "credit_pending": lines.pending().first(),
        "credit_can_write": may(user, "customers.rate"),
    }


@login_required
def customer_credit(request, pk: int):
    """A customer's ratings and credit lines, newest first."""
    customer = get_customer(request, pk)
    context = customer_credit_context(customer, request.user)
    context.update(
        {
            "customer": customer,
            "ratings": customer.ratings.select_related("rated_by"),
            "lines": customer.credit_lines.select_related("approved_by", "proposed_by"),
        }
    )
    return render(request, "customers/credit/customer_credit.html", context)


@login_required
def rating_create(request, pk: int):
    """Rate a customer with the scorecard of their type."""
    customer = get_customer(request, pk, write=True)
    scorecard = Scorecard.objects.filter(customer_type=customer.customer_type).first()
    if scorecard is None:
        messages.error(request, _("尚未为该客户类型设置评分卡，请联系系统管理员。"))
        return redirect("customers:credit", pk=customer.pk)
    previous = customer.ratings.first()
    initial = {row["factor"]: row["score"] for row in previous.factor_scores} if previous else {}
    form = ScorecardForm(request.POST or None, scorecard=scorecard, initial_scores=initial)
    if request.method == "POST" and form.is_valid():
        rating = web.submit(
            form,
            credit.rating_record,
            customer=customer,
            scores=form.scores(),
            rated_by=request.user,
        )
        if rating is not web.NOT_DONE:
            messages.success(
                request,
                _("评级完成：%(grade)s 级，%(score)s 分。")
                % {"grade": rating.grade, "score": rating.score},
            )
            return redirect("customers:credit", pk=customer.pk)
    weights = {f"factor_{f.pk}": float(f.weight) for f in form.factors}
    return render(
        request,
        "customers/credit/rating_form.html",
        {
            "customer": customer,
            "form": form,
            "scorecard": scorecard,
            "previous": previous,
            "bands": GradeBand.objects.all(),
            "weights_json": json.dumps(weights),
        },
    )


@login_required
def line_propose(request, pk: int):
    customer = get_customer(request, pk, write=True)
    today = timezone.localdate()
    rating = customer.ratings.current(today)
    tier = (
        FarmTier.objects.for_grade(rating.grade)
        if rating and customer.customer_type == CustomerType.FARM_HOUSEHOLD
        else None
    )
    form = LineProposeForm(
        request.POST or None,
        initial={"valid_from": today, "amount": tier.cap if tier else None},
    )
    if request.method == "POST" and form.is_valid():
        line = web.submit(
            form,
            credit.credit_line_propose,
            customer=customer,
            proposed_by=request.user,
            **form.cleaned_data,
        )
        if line is not web.NOT_DONE:
            messages.success(request, _("授信已提交审批。"))
            return redirect("customers:credit_line", pk=line.pk)
    return render(
        request,
        "customers/credit/line_form.html",
        {"customer": customer, "form": form, "rating": rating, "tier": tier},
    )


@login_required
def line_detail(request, pk: int):
    line = get_line(request, pk)
    user = request.user
    return render(
        request,
        "customers/credit/line_detail.html",
        {
            "line": line,
            "customer": line.customer,
            "can_write": may(user, "customers.line_revoke"),
            "can_approve": is_approver(user) and line.status == CreditLineStatus.PENDING,
            "approve_blockers": credit.line_approval_problems(line, user)
            if is_approver(user) and line.status == CreditLineStatus.PENDING
            else [],
            "can_review": is_approver(user) and line.status == CreditLineStatus.ACTIVE,
            "revoke_form": ReasonForm(),
            "review_form": ReviewForm(),
            "decision": line_decision(line, on=timezone.localdate()),
        },
    )


def _line_url(line: CreditLine) -> str:
    return reverse("customers:credit_line", args=[line.pk])


@login_required
@require_POST
def line_approve(request, pk: int):
    line = get_line(request, pk, write=True)
    return web.act(
        request,
        credit.credit_line_approve,
        success=_("授信已审批生效。"),
        then=_line_url(line),
        line=line,
        approver=request.user,
    )


@login_required
@require_POST
def line_revoke(request, pk: int):
    line = get_line(request, pk, write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写撤销原因。"))
        return redirect(_line_url(line))
    return web.act(
        request,
        credit.credit_line_revoke,
        success=_("授信已撤销。"),
        then=_line_url(line),
        line=line,
        revoked_by=request.user,
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def line_review(request, pk: int):
    line = get_line(request, pk, write=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return redirect(_line_url(line))
    return web.act(
        request,
        credit.credit_line_review,
        success=_("年审已记录。"),
        then=_line_url(line),
        line=line,
        reviewed_by=request.user,
        **form.cleaned_data,
    )


@login_required
def line_queue(request):
    """Lines awaiting approval, lines due for annual review and lines expiring within 30 days."""
    today = timezone.localdate()
    lines = CreditLine.objects.visible_to(request.user).select_related(
        "customer__manager", "customer__branch", "proposed_by"
    )
    return render(
        request,
        "customers/credit/line_queue.html",
        {
            "pending": lines.pending().order_by("created_at")[:200],
            "reviews": lines.filter(
                status=CreditLineStatus.ACTIVE, next_review_on__lte=today
            ).order_by("next_review_on")[:200],
            "expiring": lines.expiring(today).order_by("valid_until")[:200],
            "is_approver": is_approver(request.user),
        },
    )


@login_required
def loan_card(request, pk: int):
    """The loan card (贷款证) of a line in force: a printable page, or PDF."""
    line = get_line(request, pk)
    if not line.card_number:
        messages.error(request, _("授信生效后才有贷款证。"))
        return redirect(_line_url(line))
    rating = line.customer.ratings.current(line.valid_from) or line.customer.ratings.first()
    return printable(
        request,
        "customers/credit/loan_cards.html",
        {"cards": [(line, rating)], "title": _("贷款证 %(n)s") % {"n": line.card_number}},
        line.card_number,
    )
