"""Web pages of the customer file. Thin: fetch in scope, call a service, show the result."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import get_for_user
from creditdesk.models import Role
from creditdesk.scoping import can_write
from customers import imports, queries, services
from customers.credit_views import customer_credit_context
from customers.filters import CustomerFilter
from customers.forms import (
    ContactForm,
    CustomerForm,
    ImportForm,
    MemberForm,
    ProductsForm,
    ReassignForm,
    SnapshotForm,
    StageForm,
)
from customers.models import (
    Contact,
    CreditLineStatus,
    Customer,
    FinancialSnapshot,
    HouseholdMember,
    PipelineStage,
)

PAGE_SIZES = (20, 50, 100)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_customer(request, pk: int, *, write: bool = False) -> Customer:
    return get_for_user(
        Customer.objects.select_related("branch", "manager"), request.user, write=write, pk=pk
    )


def _show_errors(request, form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form's fields (or on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _may_reassign(user) -> bool:
    return user.role in (Role.BRANCH_HEAD, Role.ADMIN)


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
            "can_write": can_write(request.user),
        },
    )


@login_required
def customer_export(request):
    """The filtered list as .xlsx (full numbers: every row is in the user's scope)."""
    customers = _filtered(request).qs
    content = imports.export_workbook(customers.iterator(chunk_size=500))
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="customers-{stamp}.xlsx"'
    return response


@login_required
def customer_create(request):
    if not can_write(request.user):
        raise PermissionDenied
    form = CustomerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        manager = data.pop("manager", None) or request.user
        try:
            customer = services.customer_create(by=request.user, manager=manager, **data)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("已为 %(name)s 建档。") % {"name": customer.name})
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": None})


@login_required
def customer_edit(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    initial_type = customer.customer_type
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items()}
        if changes["customer_type"] == initial_type:
            changes.pop("customer_type")
        try:
            services.customer_update(customer=customer, by=request.user, changes=changes)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("客户档案已保存。"))
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


def _snapshots_with_growth(customer: Customer) -> list[tuple[FinancialSnapshot, object]]:
    snapshots = list(customer.financials.order_by("as_of"))
    rows = []
    previous = None
    for snap in snapshots:
        rows.append((snap, snap.growth_on(previous)))
        previous = snap
    rows.reverse()
    return rows


@login_required
def customer_detail(request, pk: int):
    """The whole file: identity in full (the user's scope includes it), household, finances,
    contacts, products, rating and line."""
    customer = _get_customer(request, pk)
    today = timezone.localdate()
    writable = can_write(request.user)
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
        "can_write": writable,
        "today": today,
        "line_active": CreditLineStatus.ACTIVE,
        **customer_credit_context(customer, request.user),
    }
    return render(request, "customers/customer_detail.html", context)


@login_required
@require_POST
def customer_stage(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.customer_move_stage(customer=customer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("营销阶段已更新。"))
    return redirect("customers:detail", pk=customer.pk)


@login_required
@require_POST
def customer_products(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    form = ProductsForm(request.POST)
    if form.is_valid():
        services.products_set(
            customer=customer,
            by=request.user,
            products=form.cleaned_data["products"],
            since=timezone.localdate(),
        )
        messages.success(request, _("持有产品已更新。"))
    return redirect("customers:detail", pk=customer.pk)


@login_required
@require_POST
def customer_reassign(request):
    """A branch head moves the selected customers (one or many) to another manager."""
    if not _may_reassign(request.user) or not can_write(request.user):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("customers") if i.isdigit()]
    customers = list(Customer.objects.visible_to(request.user).filter(pk__in=ids))
    if len(customers) != len(set(ids)):
        raise PermissionDenied
    form = ReassignForm(request.POST, head=request.user)
    back = request.POST.get("next") or reverse("customers:list")
    if not back.startswith("/"):
        back = reverse("customers:list")
    if not customers:
        messages.error(request, _("请至少选择一位客户。"))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("请选择接手的客户经理并填写移交原因。"))
        return redirect(back)
    try:
        moved = services.customers_reassign(
            customers=customers,
            to_manager=form.cleaned_data["to_manager"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request,
            _("已将 %(n)d 位客户移交给 %(who)s。")
            % {"n": moved, "who": form.cleaned_data["to_manager"].name},
        )
    return redirect(back)


# --- household ---


@login_required
def member_add(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(customer=customer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("已登记家庭成员。"))
            return redirect(reverse("customers:detail", args=[customer.pk]) + "#household")
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": customer, "title": _("登记家庭成员")},
    )


@login_required
@require_POST
def member_delete(request, pk: int):
    member = get_for_user(
        HouseholdMember.objects.select_related("customer"), request.user, write=True, pk=pk
    )
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("已删除家庭成员。"))
    return redirect(reverse("customers:detail", args=[member.customer_id]) + "#household")


# --- financial profile ---


@login_required
def snapshot_add(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    form = SnapshotForm(request.POST or None, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_record(customer=customer, by=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("已记录经营财务快照。"))
            return redirect(reverse("customers:detail", args=[customer.pk]) + "#finance")
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": customer, "title": _("记录经营财务快照")},
    )


@login_required
@require_POST
def snapshot_delete(request, pk: int):
    snapshot = get_for_user(FinancialSnapshot.objects.all(), request.user, write=True, pk=pk)
    services.snapshot_delete(snapshot=snapshot, by=request.user)
    messages.success(request, _("已删除经营财务快照。"))
    return redirect(reverse("customers:detail", args=[snapshot.customer_id]) + "#finance")


# --- contacts ---


@login_required
def contact_add(request, pk: int):
    customer = _get_customer(request, pk, write=True)
    form = ContactForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(customer=customer, by=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("已记录接触。"))
            return redirect(reverse("customers:detail", args=[customer.pk]) + "#contacts")
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": customer, "title": _("记录客户接触")},
    )


@login_required
def contact_edit(request, pk: int):
    contact = get_for_user(
        Contact.objects.select_related("customer"), request.user, write=True, pk=pk
    )
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, form, exc)
        else:
            messages.success(request, _("接触记录已保存。"))
            return redirect(reverse("customers:detail", args=[contact.customer_id]) + "#contacts")
    return render(
        request,
        "customers/simple_form.html",
        {"form": form, "customer": contact.customer, "title": _("修改接触记录")},
    )


@login_required
@require_POST
def contact_delete(request, pk: int):
    contact = get_for_user(Contact.objects.all(), request.user, write=True, pk=pk)
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("已删除接触记录。"))
    return redirect(reverse("customers:detail", args=[contact.customer_id]) + "#contacts")


@login_required
@require_POST
def contact_done(request, pk: int):
    contact = get_for_user(Contact.objects.all(), request.user, write=True, pk=pk)
    try:
        services.contact_follow_up_done(contact=contact, by=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已完成跟进。"))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(reverse("customers:detail", args=[contact.customer_id]) + "#contacts")


@login_required
def followups(request):
    """Every open follow-up in scope, the overdue first."""
    today = timezone.localdate()
    contacts = (
        Contact.objects.visible_to(request.user)
        .filter(follow_up_on__isnull=False, follow_up_done=False)
        .select_related("customer")
        .order_by("follow_up_on", "pk")
    )
    page = Paginator(contacts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "customers/followups.html",
        {"page": page, "today": today, "can_write": can_write(request.user)},
    )


# --- marketing ---


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
            "can_write": can_write(request.user),
        },
    )


@login_required
def villages(request):
    """Credit villages (信用村): farm households by village, how many rated, credit granted."""
    rows = queries.credit_villages(request.user, timezone.localdate())
    return render(request, "customers/villages.html", {"rows": rows})


# --- Excel ---

SESSION_KEY = "customers_import"


@login_required
def import_upload(request):
    """Step 1: upload; the preview shows every row and every error, nothing is saved."""
    if not can_write(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            rows = imports.read_rows(data, by=request.user)
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[SESSION_KEY] = {
                "name": form.cleaned_data["file"].name,
                "data": base64.b64encode(data).decode(),
            }
    errors = sum(1 for r in rows if not r.ok) if rows is not None else 0
    return render(
        request,
        "customers/import.html",
        {"form": form, "rows": rows, "errors": errors, "columns": imports.COLUMNS},
    )


@login_required
@require_POST
def import_confirm(request):
    """Step 2: import the previewed file, all rows or none."""
    if not can_write(request.user):
        raise PermissionDenied
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("请先上传文件。"))
        return redirect("customers:import")
    try:
        rows = imports.read_rows(base64.b64decode(stored["data"]), by=request.user)
        count = imports.import_rows(rows, by=request.user)
    except (imports.ImportFileError, ValidationError) as exc:
        messages.error(
            request,
            _("未导入任何客户：%(error)s")
            % {
                "error": "；".join(exc.messages if isinstance(exc, ValidationError) else [str(exc)])
            },
        )
        return redirect("customers:import")
    del request.session[SESSION_KEY]
    messages.success(request, _("已导入 %(n)d 位客户。") % {"n": count})
    return redirect("customers:list")


@login_required
def import_template(request):
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="customer-import-template.xlsx"'
    return response
