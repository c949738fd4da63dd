"""Pages of rating and credit (评级授信): scorecards, lines, approver queue, village batches,
the printable public notice and loan cards. Every change goes through ``credit_services``."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import get_for_user
from creditdesk.models import APPROVER_ROLES
from creditdesk.scoping import can_write
from customers import credit_services as services
from customers.credit_forms import (
    BatchScoresForm,
    LineProposeForm,
    ObjectionForm,
    ReasonForm,
    ResolveForm,
    ReviewForm,
    ScorecardForm,
    VillageChoiceForm,
)
from customers.models import (
    BatchEntry,
    BatchEntryStatus,
    CreditLine,
    CreditLineStatus,
    CreditRating,
    Customer,
    CustomerType,
    FarmTier,
    GradeBand,
    Scorecard,
    VillageBatch,
)

# --- access helpers: 404 outside scope, 403 for a read-only user asked to write ---


def _get_customer(request, pk: int, *, write: bool = False) -> Customer:
    return get_for_user(
        Customer.objects.select_related("branch", "manager"), request.user, write=write, pk=pk
    )


def _get_line(request, pk: int, *, write: bool = False) -> CreditLine:
    return get_for_user(
        CreditLine.objects.select_related(
            "customer__branch", "customer__manager", "approved_by", "proposed_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def _get_batch(request, pk: int, *, write: bool = False) -> VillageBatch:
    return get_for_user(
        VillageBatch.objects.select_related(
            "village__branch", "village__manager", "created_by", "approved_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def _get_entry(request, pk: int) -> BatchEntry:
    return get_for_user(
        BatchEntry.objects.select_related("batch", "customer"), request.user, write=True, pk=pk
    )


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def is_approver(user) -> bool:
    return user.role in APPROVER_ROLES


# --- the customer's panel and history ---


def customer_credit_context(customer: Customer, user) -> dict:
    """Context of ``customers/credit/_customer_panel.html`` for one customer."""
    today = timezone.localdate()
    lines = customer.credit_lines.all()
    return {
        "credit_customer": customer,
        "credit_rating": customer.ratings.current(today),
        "credit_line": lines.in_force_on(today).first(),
        "credit_pending": lines.pending().first(),
        "credit_can_write": can_write(user),
    }


@login_required
def customer_credit(request, pk: int):
    """A customer's ratings and credit lines, newest first."""
    customer = _get_customer(request, pk)
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
    customer = _get_customer(request, pk, write=True)
    scorecard = Scorecard.objects.filter(customer_type=customer.customer_type).first()
    if scorecard is None:
        messages.error(request, _("尚未为该客户类型设置评分卡，请联系系统管理员。"))
        return redirect("customers:credit", pk=customer.pk)
    previous = customer.ratings.first()
    initial = {row["factor"]: row["score"] for row in previous.factor_scores} if previous else {}
    form = ScorecardForm(request.POST or None, scorecard=scorecard, initial_scores=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.rating_record(
                customer=customer, scores=form.scores(), rated_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
    customer = _get_customer(request, pk, write=True)
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
        try:
            line = services.credit_line_propose(
                customer=customer, proposed_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("授信已提交审批。"))
            return redirect("customers:credit_line", pk=line.pk)
    return render(
        request,
        "customers/credit/line_form.html",
        {"customer": customer, "form": form, "rating": rating, "tier": tier},
    )


@login_required
def line_detail(request, pk: int):
    line = _get_line(request, pk)
    user = request.user
    return render(
        request,
        "customers/credit/line_detail.html",
        {
            "line": line,
            "customer": line.customer,
            "can_write": can_write(user),
            "can_approve": is_approver(user) and line.status == CreditLineStatus.PENDING,
            "can_review": is_approver(user) and line.status == CreditLineStatus.ACTIVE,
            "revoke_form": ReasonForm(),
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def line_approve(request, pk: int):
    line = _get_line(request, pk, write=True)
    try:
        services.credit_line_approve(line=line, approver=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("授信已审批生效。"))
    return redirect("customers:credit_line", pk=line.pk)


@login_required
@require_POST
def line_revoke(request, pk: int):
    line = _get_line(request, pk, write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写撤销原因。"))
        return redirect("customers:credit_line", pk=line.pk)
    try:
        services.credit_line_revoke(
            line=line, revoked_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("授信已撤销。"))
    return redirect("customers:credit_line", pk=line.pk)


@login_required
@require_POST
def line_review(request, pk: int):
    line = _get_line(request, pk, write=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.credit_line_review(line=line, reviewed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("年审已记录。"))
    return redirect("customers:credit_line", pk=line.pk)


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


# --- loan cards and notices: printable pages, or PDF with ?format=pdf ---


def _printable(request, template: str, context: dict, filename: str) -> HttpResponse:
    context = {**context, "now": timezone.now(), "pdf": request.GET.get("format") == "pdf"}
    if context["pdf"]:
        from weasyprint import HTML

        html = render_to_string(template, context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    return render(request, template, context)


@login_required
def loan_card(request, pk: int):
    line = _get_line(request, pk)
    if not line.card_number:
        messages.error(request, _("授信生效后才有贷款证。"))
        return redirect("customers:credit_line", pk=line.pk)
    rating = line.customer.ratings.current(line.valid_from) or line.customer.ratings.first()
    return _printable(
        request,
        "customers/credit/loan_cards.html",
        {"cards": [(line, rating)], "title": _("贷款证 %(n)s") % {"n": line.card_number}},
        line.card_number,
    )


# --- village batches (整村评级授信) ---


@login_required
def batch_list(request):
    """Villages with farm households in scope, and the batches run for them."""
    user = request.user
    villages = (
        Customer.objects.visible_to(user)
        .filter(customer_type=CustomerType.FARM_HOUSEHOLD)
        .exclude(village="")
        .values("township", "village")
        .annotate(households=Count("pk"))
        .order_by("township", "village")
    )
    batches = (
        VillageBatch.objects.visible_to(user)
        .select_related("village", "created_by")
        .annotate(
            households=Count("entries"),
            total=Sum("entries__credit_line__amount"),
        )[:100]
    )
    return render(
        request,
        "customers/credit/batch_list.html",
        {"villages": villages, "batches": batches, "can_write": can_write(user)},
    )


@login_required
def batch_new(request):
    """Step 1: the village's households in one grid, scored factor by factor."""
    if not can_write(request.user):
        raise PermissionDenied
    choice = VillageChoiceForm(request.GET)
    if not choice.is_valid():
        messages.error(request, _("请先选择一个村。"))
        return redirect("customers:credit_batches")
    township, name = choice.cleaned_data["township"], choice.cleaned_data["village"]
    households = (
        Customer.objects.visible_to(request.user)
        .filter(customer_type=CustomerType.FARM_HOUSEHOLD, township=township, village=name)
        .exclude(status="lost")
        .order_by("name", "pk")
    )
    scorecard = Scorecard.objects.get(customer_type=CustomerType.FARM_HOUSEHOLD)
    today = timezone.localdate()
    initial = {}
    for rating in CreditRating.objects.filter(customer__in=households).order_by("valid_from", "pk"):
        initial[rating.customer_id] = {row["factor"]: row["score"] for row in rating.factor_scores}
    current = {c.pk: c.ratings.current(today) for c in households}
    form = BatchScoresForm(
        request.POST or None,
        households=households,
        scorecard=scorecard,
        initial_scores=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            village = services.credit_village_open(
                township=township, name=name, opened_by=request.user
            )
            batch = services.village_batch_rate(
                village=village,
                scores=form.scores(),
                rated_by=request.user,
                objection_days=form.cleaned_data["objection_days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("整村评级完成，请核对档次后发布公示。"))
            return redirect("customers:credit_batch", pk=batch.pk)
    rows = [
        (customer, form[include], [form[n] for n in names], current.get(customer.pk))
        for customer, include, names in form.rows
    ]
    return render(
        request,
        "customers/credit/batch_new.html",
        {
            "form": form,
            "rows": rows,
            "factors": form.factors,
            "township": township,
            "village_name": name,
            "tiers": FarmTier.objects.all(),
        },
    )


@login_required
def batch_detail(request, pk: int):
    """Steps 2–4: check the tiers, publish the notice, record objections, put lines in force."""
    batch = _get_batch(request, pk)
    entries = batch.entries.select_related("customer", "rating", "tier", "credit_line")
    user = request.user
    today = timezone.localdate()
    window_open = (
        batch.status == "published" and batch.objection_until and today <= batch.objection_until
    )
    return render(
        request,
        "customers/credit/batch_detail.html",
        {
            "batch": batch,
            "entries": entries,
            "summary": entries.aggregate(
                total=Sum("credit_line__amount"), largest=Max("credit_line__amount")
            ),
            "counts": {
                s: sum(1 for e in entries if e.status == s) for s in BatchEntryStatus.values
            },
            "can_write": can_write(user),
            "is_approver": is_approver(user),
            "window_open": window_open,
            "window_over": batch.objection_until is not None and today > batch.objection_until,
            "objection_form": ObjectionForm(),
            "resolve_form": ResolveForm(),
            "today": today,
        },
    )


def _batch_action(request, batch: VillageBatch, action, success: str):
    try:
        action()
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, success)
    return redirect("customers:credit_batch", pk=batch.pk)


@login_required
@require_POST
def batch_publish(request, pk: int):
    batch = _get_batch(request, pk, write=True)
    return _batch_action(
        request,
        batch,
        lambda: services.village_batch_publish(batch=batch, published_by=request.user),
        _("公示已发布，请打印张贴。"),
    )


@login_required
@require_POST
def batch_effective(request, pk: int):
    batch = _get_batch(request, pk, write=True)
    return _batch_action(
        request,
        batch,
        lambda: services.village_batch_make_effective(batch=batch, approver=request.user),
        _("整村授信已生效，贷款证已编号。"),
    )


@login_required
@require_POST
def entry_object(request, pk: int):
    entry = _get_entry(request, pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写异议内容。"))
        return redirect("customers:credit_batch", pk=entry.batch_id)
    return _batch_action(
        request,
        entry.batch,
        lambda: services.village_batch_object(
            entry=entry, objection=form.cleaned_data["objection"], recorded_by=request.user
        ),
        _("异议已登记，该户暂不授信。"),
    )


@login_required
@require_POST
def entry_resolve(request, pk: int):
    entry = _get_entry(request, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写处理意见。"))
        return redirect("customers:credit_batch", pk=entry.batch_id)
    return _batch_action(
        request,
        entry.batch,
        lambda: services.village_batch_resolve(
            entry=entry, resolved_by=request.user, **form.cleaned_data
        ),
        _("异议已处理。"),
    )


@login_required
def batch_notice(request, pk: int):
    """The public notice (公示) to post in the village: names, masked ID numbers, grades, lines."""
    batch = _get_batch(request, pk)
    entries = batch.entries.select_related("customer", "rating", "tier", "credit_line").exclude(
        credit_line__isnull=True
    )
    return _printable(
        request,
        "customers/credit/notice.html",
        {
            "batch": batch,
            "entries": entries,
            "title": _("%(village)s整村评级授信公示") % {"village": batch.village},
        },
        f"notice-{batch.pk}",
    )


@login_required
def batch_cards(request, pk: int):
    """Every loan card of a batch in force, one per page."""
    batch = _get_batch(request, pk)
    entries = batch.entries.filter(status=BatchEntryStatus.EFFECTIVE).select_related(
        "credit_line__customer__branch", "rating"
    )
    cards = [(e.credit_line, e.rating) for e in entries]
    return _printable(
        request,
        "customers/credit/loan_cards.html",
        {"cards": cards, "title": _("%(village)s贷款证") % {"village": batch.village}},
        f"loan-cards-{batch.pk}",
    )
