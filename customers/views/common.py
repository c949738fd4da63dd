"""One access helper per model (404 outside scope, 403 for a reader asked to write), and the
page that adds a record to a customer's file."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from creditdesk import web
from creditdesk.access import get_for_user
from customers.models import BatchEntry, CreditLine, Customer, VillageBatch


def get_customer(request, pk: int, *, write: bool = False) -> Customer:
    return get_for_user(
        Customer.objects.select_related("branch", "manager"), request.user, write=write, pk=pk
    )


def get_line(request, pk: int, *, write: bool = False) -> CreditLine:
    return get_for_user(
        CreditLine.objects.select_related(
            "customer__branch", "customer__manager", "approved_by", "proposed_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def get_batch(request, pk: int, *, write: bool = False) -> VillageBatch:
    return get_for_user(
        VillageBatch.objects.select_related(
            "village__branch", "village__manager", "created_by", "approved_by"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def get_entry(request, pk: int) -> BatchEntry:
    return get_for_user(
        BatchEntry.objects.select_related("batch", "customer"), request.user, write=True, pk=pk
    )


def file_url(customer_id: int, anchor: str = "") -> str:
    """The customer's file, at one of its sections (``#household``)."""
    return reverse("customers:detail", args=[customer_id]) + anchor


def record_on_file(
    request,
    pk: int,
    *,
    form_class,
    service: Callable,
    title: str,
    success: str,
    anchor: str,
    initial: dict | None = None,
):
    """A page that adds one record (member, snapshot, contact) to a customer's file."""
    customer = get_customer(request, pk, write=True)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = web.submit(
            form, service, customer=customer, by=request.user, values=form.cleaned_data
        )
        if done is not web.NOT_DONE:
            messages.success(request, success)
            return redirect(file_url(customer.pk, anchor))
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": customer, "title": title},
    )


def printable(request, template: str, context: dict, filename: str) -> HttpResponse:
    """A printable page (loan cards, public notices), or its PDF with ``?format=pdf``."""
    context = {**context, "now": timezone.now(), "pdf": request.GET.get("format") == "pdf"}
    if context["pdf"]:
        from weasyprint import HTML

        html = render_to_string(template, context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    return render(request, template, context)
