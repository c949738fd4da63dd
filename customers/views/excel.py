"""Customer ledgers in and out of Excel: upload, preview, confirm; the empty template."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.access import may
from customers import imports
from customers.forms import ImportForm
from customers.views.customers import XLSX

SESSION_KEY = "customers_import"


@login_required
def import_upload(request):
    """Step 1: upload; the preview shows every row and every error, nothing is saved."""
    if not may(request.user, "customers.create"):
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
    if not may(request.user, "customers.create"):
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
