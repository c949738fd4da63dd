"""One access helper per model (404 outside scope, 403 for a reader asked to write)."""

from __future__ import annotations

from django.shortcuts import render

from creditdesk.access import get_for_user
from guarantees.models import (
    Collateral,
    Guarantee,
    Guarantor,
    JointGroup,
    Pledge,
    application_model,
)


def get_application(request, pk, *, write: bool = False):
    return get_for_user(
        application_model().objects.select_related("customer__branch", "customer__manager"),
        request.user,
        write=write,
        pk=pk,
    )


def get_guarantee(request, pk, *, write: bool = False) -> Guarantee:
    return get_for_user(
        Guarantee.objects.select_related("application", "guarantor"),
        request.user,
        write=write,
        pk=pk,
    )


def get_pledge(request, pk, *, write: bool = False) -> Pledge:
    return get_for_user(
        Pledge.objects.select_related("application", "collateral__kind"),
        request.user,
        write=write,
        pk=pk,
    )


def get_guarantor(request, pk, *, write: bool = False) -> Guarantor:
    return get_for_user(Guarantor.objects.all(), request.user, write=write, pk=pk)


def get_collateral(request, pk, *, write: bool = False) -> Collateral:
    return get_for_user(
        Collateral.objects.select_related("kind", "customer"), request.user, write=write, pk=pk
    )


def get_group(request, pk, *, write: bool = False) -> JointGroup:
    return get_for_user(
        JointGroup.objects.select_related("branch", "manager"), request.user, write=write, pk=pk
    )


def form_page(request, *, form, title: str, back: str, status: int = 200):
    """A page with one form (its errors beside the fields, the input kept)."""
    return render(
        request,
        "guarantees/form.html",
        {"form": form, "title": title, "back": back},
        status=status,
    )
