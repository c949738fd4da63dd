"""Credit villages (信用村) and village batches (整村评级授信): the grid of households, the
public notice, objections, and the batch put in force with its loan cards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import may
from customers import queries
from customers.forms import BatchScoresForm, ObjectionForm, ResolveForm, VillageChoiceForm
from customers.models import (
    BatchEntryStatus,
    CreditRating,
    Customer,
    CustomerStatus,
    CustomerType,
    FarmTier,
    Scorecard,
    VillageBatch,
    VillageBatchStatus,
)
from customers.services import villages as village_services
from customers.views.common import get_batch, get_entry, printable
from customers.views.credit import is_approver


@login_required
def villages(request):
    """Credit villages (信用村): farm households by village, how many rated, credit granted."""
    rows = queries.credit_villages(request.user, timezone.localdate())
    return render(request, "customers/villages.html", {"rows": rows})


@login_required
def batch_list(request):
    """Villages with farm households in scope, and the batches run for them."""
    user = request.user
    households = (
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
        {
            "villages": households,
            "batches": batches,
            "can_write": may(user, "customers.village_batch"),
        },
    )


@login_required
def batch_new(request):
    """Step 1: the village's households in one grid, scored factor by factor."""
    if not may(request.user, "customers.village_batch"):
        raise PermissionDenied
    choice = VillageChoiceForm(request.GET)
    if not choice.is_valid():
        messages.error(request, _("请先选择一个村。"))
        return redirect("customers:credit_batches")
    township, name = choice.cleaned_data["township"], choice.cleaned_data["village"]
    households = (
        Customer.objects.visible_to(request.user)
        .filter(customer_type=CustomerType.FARM_HOUSEHOLD, township=township, village=name)
        .exclude(status=CustomerStatus.LOST)
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
        batch = web.submit(
            form,
            village_services.village_batch_start,
            township=township,
            name=name,
            rated_by=request.user,
            scores=form.scores(),
            objection_days=form.cleaned_data["objection_days"],
        )
        if batch is not web.NOT_DONE:
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
    batch = get_batch(request, pk)
    entries = batch.entries.select_related("customer", "rating", "tier", "credit_line")
    user = request.user
    today = timezone.localdate()
    window_open = (
        batch.status == VillageBatchStatus.PUBLISHED
        and batch.objection_until
        and today <= batch.objection_until
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
            "can_write": may(user, "customers.village_batch"),
            "is_approver": is_approver(user),
            "window_open": window_open,
            "window_over": batch.objection_until is not None and today > batch.objection_until,
            "objection_form": ObjectionForm(),
            "resolve_form": ResolveForm(),
            "today": today,
        },
    )


def _batch_url(batch_id: int) -> str:
    return reverse("customers:credit_batch", args=[batch_id])


@login_required
@require_POST
def batch_publish(request, pk: int):
    batch = get_batch(request, pk, write=True)
    return web.act(
        request,
        village_services.village_batch_publish,
        success=_("公示已发布，请打印张贴。"),
        then=_batch_url(batch.pk),
        batch=batch,
        published_by=request.user,
    )


@login_required
@require_POST
def batch_effective(request, pk: int):
    batch = get_batch(request, pk, write=True)
    return web.act(
        request,
        village_services.village_batch_make_effective,
        success=_("整村授信已生效，贷款证已编号。"),
        then=_batch_url(batch.pk),
        batch=batch,
        approver=request.user,
    )


def _entry_action(request, pk: int, *, form_class, service, user_arg, success, missing):
    """A button on one household under notice: its form, then the service, then back."""
    entry = get_entry(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, missing)
        return redirect(_batch_url(entry.batch_id))
    return web.act(
        request,
        service,
        success=success,
        then=_batch_url(entry.batch_id),
        entry=entry,
        **{user_arg: request.user},
        **form.cleaned_data,
    )


@login_required
@require_POST
def entry_object(request, pk: int):
    return _entry_action(
        request,
        pk,
        form_class=ObjectionForm,
        service=village_services.village_batch_object,
        user_arg="recorded_by",
        success=_("异议已登记，该户暂不授信。"),
        missing=_("请填写异议内容。"),
    )


@login_required
@require_POST
def entry_resolve(request, pk: int):
    return _entry_action(
        request,
        pk,
        form_class=ResolveForm,
        service=village_services.village_batch_resolve,
        user_arg="resolved_by",
        success=_("异议已处理。"),
        missing=_("请填写处理意见。"),
    )


@login_required
def batch_notice(request, pk: int):
    """The public notice (公示) to post in the village: names, masked ID numbers, grades, lines."""
    batch = get_batch(request, pk)
    entries = batch.entries.select_related("customer", "rating", "tier", "credit_line").exclude(
        credit_line__isnull=True
    )
    return printable(
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
    batch = get_batch(request, pk)
    entries = batch.entries.filter(status=BatchEntryStatus.EFFECTIVE).select_related(
        "credit_line__customer__branch", "rating"
    )
    cards = [(e.credit_line, e.rating) for e in entries]
    return printable(
        request,
        "customers/credit/loan_cards.html",
        {"cards": cards, "title": _("%(village)s贷款证") % {"village": batch.village}},
        f"loan-cards-{batch.pk}",
    )
