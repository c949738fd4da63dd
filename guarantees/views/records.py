"""Guarantors, collateral and mutual-guarantee circles: lists, one record's page, and the
changes made from it (assessment, registration, custody, release)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.paging import Paginator
from creditdesk.scoping import can_write
from customers.models import Customer
from guarantees import queries
from guarantees.forms import AssessForm, CustodyForm, RegisterForm
from guarantees.models import Collateral, CollateralStatus, Guarantee, Guarantor
from guarantees.services import collateral as collateral_services
from guarantees.services import parties
from guarantees.views.common import form_page, get_collateral, get_guarantor

PAGE_SIZE = 25


@login_required
def guarantor_list(request):
    guarantors = Guarantor.objects.visible_to(request.user).select_related("branch")
    page = Paginator(guarantors, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "guarantees/guarantor_list.html", {"page": page})


@login_required
def guarantor_detail(request, pk: int):
    guarantor = get_guarantor(request, pk)
    guarantees = Guarantee.objects.visible_to(request.user).filter(
        guarantor__id_number=guarantor.id_number
    )
    total = queries.contingent_liabilities([guarantor.id_number]).get(guarantor.id_number)
    circle = queries.circle_of(guarantor.id_number)
    return render(
        request,
        "guarantees/guarantor_detail.html",
        {
            "guarantor": guarantor,
            "guarantees": guarantees.select_related("borrower", "group").order_by("-pk"),
            "bank_wide": total or 0,
            "circle": sorted(queries.names_of(circle).values()) if circle else [],
            "can_write": can_write(request.user),
        },
    )


@login_required
def guarantor_assess(request, pk: int):
    guarantor = get_guarantor(request, pk, write=request.method == "POST")
    form = AssessForm(
        request.POST or None,
        initial={
            "net_assets": guarantor.net_assets,
            "annual_income": guarantor.annual_income,
            "assessed_on": guarantor.assessed_on,
            "notes": guarantor.notes,
        },
    )
    back = f"/guarantees/guarantors/{guarantor.pk}/"
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form,
            parties.guarantor_assess,
            guarantor=guarantor,
            by=request.user,
            values=form.cleaned_data,
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("已更新保证人实力评估。"))
            return redirect(back)
    return form_page(request, form=form, title=_("评估保证人实力"), back=back)


@login_required
def collateral_list(request):
    items = Collateral.objects.visible_to(request.user).select_related("kind", "customer")
    if request.GET.get("unregistered"):
        items = items.filter(
            status=CollateralStatus.ACTIVE,
            kind__needs_registration=True,
            registered_on__isnull=True,
        )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guarantees/collateral_list.html",
        {"page": page, "unregistered": bool(request.GET.get("unregistered"))},
    )


@login_required
def collateral_detail(request, pk: int):
    collateral = get_collateral(request, pk)
    pledges = collateral.pledges.select_related("borrower", "waived_by").order_by("-pk")
    return render(
        request,
        "guarantees/collateral_detail.html",
        {
            "collateral": collateral,
            "pledges": pledges,
            "pledged": collateral_services.pledged_total(collateral),
            "movements": collateral.custody_movements.select_related("by"),
            "register_form": RegisterForm(),
            "custody_form": CustodyForm(),
            "can_write": can_write(request.user),
        },
    )


def _collateral_form(request, pk, form_class, service, *, title, success):
    collateral = get_collateral(request, pk, write=request.method == "POST")
    form = form_class(request.POST or None)
    back = f"/guarantees/collateral/{collateral.pk}/"
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form, service, collateral=collateral, by=request.user, **form.cleaned_data
        )
        if done is not web.NOT_DONE:
            messages.success(request, success)
            return redirect(back)
    return form_page(request, form=form, title=title, back=back)


@login_required
def collateral_register(request, pk: int):
    return _collateral_form(
        request,
        pk,
        RegisterForm,
        collateral_services.collateral_register,
        title=_("办妥抵押登记"),
        success=_("已登记他项权证，权证入库保管。"),
    )


@login_required
def custody_move(request, pk: int):
    return _collateral_form(
        request,
        pk,
        CustodyForm,
        collateral_services.custody_move,
        title=_("权证出入库"),
        success=_("已记录权证出入库。"),
    )


@login_required
@require_POST
def collateral_release(request, pk: int):
    collateral = get_collateral(request, pk, write=True)
    return web.act(
        request,
        collateral_services.collateral_release,
        success=_("押品已解押。"),
        then=f"/guarantees/collateral/{collateral.pk}/",
        collateral=collateral,
        by=request.user,
    )


@login_required
def circles(request):
    """The bank's mutual-guarantee circles that touch a customer or guarantor in scope."""
    found = queries.all_circles()
    numbers = {n for circle in found for n in circle}
    visible = set(
        Customer.objects.visible_to(request.user)
        .filter(id_number__in=numbers)
        .values_list("id_number", flat=True)
    ) | set(
        Guarantor.objects.visible_to(request.user)
        .filter(id_number__in=numbers)
        .values_list("id_number", flat=True)
    )
    names = queries.names_of(numbers)
    rows = [
        sorted(names.get(n, n) for n in circle) for circle in found if visible.intersection(circle)
    ]
    return render(request, "guarantees/circles.html", {"circles": rows})
