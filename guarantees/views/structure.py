"""The guarantee structure of an application: its page, and the guarantors, collateral and
joint guarantees added to it. ``structure_context`` is what loans' pages include."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.scoping import can_write
from guarantees import coverage
from guarantees.forms import GroupGuaranteeForm, GuarantorForm, PledgeForm, ReasonForm
from guarantees.services import collateral as collateral_services
from guarantees.services import groups as group_services
from guarantees.services import parties
from guarantees.views.common import form_page, get_application, get_guarantee, get_pledge


def structure_context(application, user) -> dict:
    """What ``guarantees/_structure.html`` needs: the structure and what the user may do."""
    handler = user.pk in (application.created_by_id, application.customer.manager_id)
    return {
        "guarantee_structure": coverage.structure(application),
        "guarantee_application": application,
        "guarantee_can_edit": handler and can_write(user),
        "guarantee_can_waive": user.role in ("branch_head", "committee") and can_write(user),
    }


def _structure_url(application) -> str:
    return reverse("guarantees:application", args=[application.pk])


@login_required
def application_structure(request, pk: int):
    application = get_application(request, pk)
    return render(
        request,
        "guarantees/application.html",
        {"application": application, **structure_context(application, request.user)},
    )


@login_required
def guarantor_add(request, pk: int):
    application = get_application(request, pk, write=request.method == "POST")
    form = GuarantorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form,
            parties.guarantee_propose,
            application=application,
            by=request.user,
            **form.arguments(),
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("已追加保证人。"))
            return redirect(_structure_url(application))
    return form_page(request, form=form, title=_("追加保证人"), back=_structure_url(application))


@login_required
def pledge_add(request, pk: int):
    """Collateral for the application: an item on file, or a new one recorded on the
    borrower's file first (it stays there if the pledge is then refused)."""
    application = get_application(request, pk, write=request.method == "POST")
    form = PledgeForm(request.POST or None, user=request.user, customer=application.customer)
    if request.method == "POST" and form.is_valid():
        collateral = form.cleaned_data.get("existing") or web.submit(
            form,
            collateral_services.collateral_add,
            customer=application.customer,
            by=request.user,
            values=form.collateral_values(),
        )
        if collateral is not web.NOT_DONE:
            done = web.submit(
                form,
                collateral_services.pledge_propose,
                application=application,
                collateral=collateral,
                by=request.user,
                amount_secured=form.cleaned_data["amount_secured"],
            )
            if done is not web.NOT_DONE:
                messages.success(request, _("已追加抵质押。"))
                return redirect(_structure_url(application))
    return form_page(request, form=form, title=_("追加抵质押"), back=_structure_url(application))


@login_required
def group_guarantee(request, pk: int):
    application = get_application(request, pk, write=request.method == "POST")
    form = GroupGuaranteeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form,
            group_services.group_guarantee,
            application=application,
            by=request.user,
            **form.cleaned_data,
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("联保小组已为本笔贷款担保。"))
            return redirect(_structure_url(application))
    return form_page(request, form=form, title=_("联保小组担保"), back=_structure_url(application))


@login_required
@require_POST
def guarantee_withdraw(request, pk: int):
    guarantee = get_guarantee(request, pk, write=True)
    return web.act(
        request,
        parties.guarantee_withdraw,
        success=_("已撤销该保证。"),
        then=_structure_url(guarantee.application),
        guarantee=guarantee,
        by=request.user,
    )


@login_required
@require_POST
def pledge_withdraw(request, pk: int):
    pledge = get_pledge(request, pk, write=True)
    return web.act(
        request,
        collateral_services.pledge_withdraw,
        success=_("已撤销该抵质押。"),
        then=_structure_url(pledge.application),
        pledge=pledge,
        by=request.user,
    )


def _with_reason(request, record, service, *, title: str, success: str, **kwargs):
    form = ReasonForm(request.POST or None)
    back = _structure_url(record.application)
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form, service, by=request.user, reason=form.cleaned_data["reason"], **kwargs
        )
        if done is not web.NOT_DONE:
            messages.success(request, success)
            return redirect(back)
    return form_page(request, form=form, title=title, back=back)


@login_required
def pledge_waive(request, pk: int):
    pledge = get_pledge(request, pk, write=request.method == "POST")
    return _with_reason(
        request,
        pledge,
        collateral_services.pledge_waive_registration,
        title=_("豁免：先放款后登记"),
        success=_("已豁免，可先放款后登记。"),
        pledge=pledge,
    )


@login_required
def guarantee_end(request, pk: int):
    guarantee = get_guarantee(request, pk, write=request.method == "POST")
    return _with_reason(
        request,
        guarantee,
        parties.guarantee_end,
        title=_("解除保证"),
        success=_("已解除该保证。"),
        guarantee=guarantee,
    )
