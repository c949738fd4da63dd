"""The customer list and file: search, create, edit, stage, products, reassignment."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from creditdesk import web
from creditdesk.access import get_for_user, may
from creditdesk.discovery import app_functions
from creditdesk.files import serve_stored_file
from creditdesk.paging import Paginator
from customers import exports, imports, tasks
from customers.filters import CustomerFilter
from customers.forms import CustomerForm, ProductsForm, ReassignForm, StageForm
from customers.models import (
    CreditLineStatus,
    Customer,
    CustomerExport,
    ExportStatus,
    FinancialSnapshot,
    PipelineStage,
)
from customers.services import customers as customer_services
from customers.services import marketing
from customers.views.common import file_url, get_customer
from customers.views.credit import customer_credit_context

PAGE_SIZES = (20, 50, 100)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_reassign(user) -> bool:
    return may(user, "customers.reassign")


def _filtered(request):
    queryset = Customer.objects.visible_to(request.user).for_list()
    return CustomerFilter(request.GET or None, queryset=queryset, request=request)


@login_required
def customer_list(request):
    """Search and filter the customers in scope; numbers masked."""
    filterset = _filtered(request)
    try:
        per_page = int(request.GET.get("page_size", PAGE_SIZES[0]))
    except ValueError:
        per_page = PAGE_SIZES[0]
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]
    page = Paginator(filterset.qs, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    reassign_form = ReassignForm(head=request.user) if _may_reassign(request.user) else None
    return render(
        request,
        "customers/customer_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "page_sizes": PAGE_SIZES,
            "per_page": per_page,
            "reassign_form": reassign_form,
            "can_write": may(request.user, "customers.create"),
        },
    )


@login_required
def customer_export(request):
    """The filtered list as .xlsx (full numbers: every row is in the user's scope). A list
    too long to write within a request is exported in the background: the user is taken to
    the export's progress page, which offers the file when it is ready."""
    customers = _filtered(request).qs
    if exports.too_large_for_a_request(customers):
        export = exports.export_start(user=request.user, query=request.GET.urlencode())
        transaction.on_commit(partial(tasks.export_customers.delay, export.pk))
        return redirect(export)
    content = imports.export_workbook(customers.iterator(chunk_size=exports.CHUNK))
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="customers-{stamp}.xlsx"'
    return response


def _get_export(request, pk) -> CustomerExport:
    return get_for_user(CustomerExport.objects.all(), request.user, pk=pk)


@login_required
@require_GET
def export_status(request, pk: int):
    """An export's progress; htmx polls the fragment until the file is ready."""
    export = _get_export(request, pk)
    template = (
        "customers/_export_progress.html"
        if request.headers.get("HX-Request")
        else "customers/export_status.html"
    )
    return render(request, template, {"export": export})


@login_required
@require_GET
def export_download(request, pk: int):
    export = _get_export(request, pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    return serve_stored_file(export.file, content_type=XLSX, filename=export.download_name)


@login_required
def customer_create(request):
    if not may(request.user, "customers.create"):
        raise PermissionDenied
    form = CustomerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        manager = data.pop("manager", None) or request.user
        customer = web.submit(
            form, customer_services.customer_create, by=request.user, manager=manager, **data
        )
        if customer is not web.NOT_DONE:
            messages.success(request, _("已为 %(name)s 建档。") % {"name": customer.name})
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": None})


@login_required
def customer_edit(request, pk: int):
    customer = get_customer(request, pk, write=True)
    initial_type = customer.customer_type
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        if changes["customer_type"] == initial_type:
            changes.pop("customer_type")
        done = web.submit(
            form,
            customer_services.customer_update,
            customer=customer,
            by=request.user,
            changes=changes,
        )
        if done is not web.NOT_DONE:
            messages.success(request, _("客户档案已保存。"))
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


def _snapshots_with_growth(customer: Customer) -> list[tuple[FinancialSnapshot, object]]:
    rows = []
    previous = None
    for snap in customer.financials.order_by("as_of"):
        rows.append((snap, snap.growth_on(previous)))
        previous = snap
    rows.reverse()
    return rows


@login_required
def customer_detail(request, pk: int):
    """The whole file: identity in full (the user's scope includes it), household, finances,
    contacts, products, rating and line."""
    customer = get_customer(request, pk)
    today = timezone.localdate()
    context = {
        "customer": customer,
        "age": customer.age_on(today),
        "members": customer.members.all(),
        "snapshots": _snapshots_with_growth(customer),
        "contacts": customer.contacts.select_related("created_by")[:50],
        "products": customer.products.all(),
        "stage_form": StageForm(initial={"stage": customer.stage}),
        "products_form": ProductsForm(
            initial={"products": [p.product for p in customer.products.all()]}
        ),
        "reassign_form": ReassignForm(head=request.user) if _may_reassign(request.user) else None,
        "can_write": may(request.user, "customers.edit"),
        "today": today,
        "line_active": CreditLineStatus.ACTIVE,
        **customer_credit_context(customer, request.user),
        # Panels from the floors above (joint-guarantee groups, …), asked by name.
        "file_panels": [
            panel
            for panels_for in app_functions("files", "customer_panels")
            for panel in panels_for(customer, request.user)
        ],
    }
    return render(request, "customers/customer_detail.html", context)


@login_required
@require_POST
def customer_stage(request, pk: int):
    customer = get_customer(request, pk, write=True)
    form = StageForm(request.POST)
    if not form.is_valid():
        return redirect("customers:detail", pk=customer.pk)
    return web.act(
        request,
        marketing.customer_move_stage,
        success=_("营销阶段已更新。"),
        then=file_url(customer.pk),
        customer=customer,
        by=request.user,
        **form.cleaned_data,
    )


@login_required
@require_POST
def customer_products(request, pk: int):
    customer = get_customer(request, pk, write=True)
    form = ProductsForm(request.POST)
    if not form.is_valid():
        return redirect("customers:detail", pk=customer.pk)
    return web.act(
        request,
        marketing.products_set,
        success=_("持有产品已更新。"),
        then=file_url(customer.pk),
        customer=customer,
        by=request.user,
        products=form.cleaned_data["products"],
        since=timezone.localdate(),
    )


@login_required
@require_POST
def customer_reassign(request):
    """A branch head moves the selected customers (one or many) to another manager."""
    if not may(request.user, "customers.reassign"):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("customers") if i.isdigit()]
    customers = list(Customer.objects.visible_to(request.user).filter(pk__in=ids))
    if len(customers) != len(set(ids)):
        raise PermissionDenied
    form = ReassignForm(request.POST, head=request.user)
    back = web.safe_next(request, reverse("customers:list"))
    if not customers:
        messages.error(request, _("请至少选择一位客户。"))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("请选择接手的客户经理并填写移交原因。"))
        return redirect(back)
    to_manager = form.cleaned_data["to_manager"]
    moving = sum(1 for c in customers if c.manager_id != to_manager.pk)
    return web.act(
        request,
        customer_services.customers_reassign,
        success=_("已将 %(n)d 位客户移交给 %(who)s。") % {"n": moving, "who": to_manager.name},
        then=back,
        customers=customers,
        to_manager=to_manager,
        by=request.user,
        reason=form.cleaned_data["reason"],
    )


@login_required
def pipeline(request):
    """The marketing ledger: customers by pipeline stage (营销客户信息台账)."""
    base = Customer.objects.visible_to(request.user)
    counts = dict(base.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    stage = request.GET.get("stage") or PipelineStage.PROSPECT
    if stage not in PipelineStage.values:
        stage = PipelineStage.PROSPECT
    customers = base.filter(stage=stage).select_related("manager").order_by("-updated_at", "pk")
    page = Paginator(customers, 50).get_page(request.GET.get("page"))
    stages = [(value, label, counts.get(value, 0)) for value, label in PipelineStage.choices]
    return render(
        request,
        "customers/pipeline.html",
        {
            "stages": stages,
            "stage": stage,
            "stage_label": PipelineStage(stage).label,
            "page": page,
            "stage_form": StageForm(),
            "can_write": may(request.user, "customers.marketing"),
        },
    )
