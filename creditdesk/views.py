"""Organisation-level pages: home, health, authority table, activity (audit trail), errors."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import NotFound

from creditdesk import health
from creditdesk.access import get_for_user
from creditdesk.audit import history_entries, last_version
from creditdesk.discovery import CREDITDESK_APPS, app_functions
from creditdesk.models import APPROVER_ROLES, BANK_WIDE_ROLES, AuthorityLimit, Notification, Role
from creditdesk.notifications import dismiss, kind_label
from creditdesk.web import safe_next


@login_required
def home(request):
    """Each role's start page; each app adds its panels through ``<app>.home.panels``."""
    user = request.user
    panels = []
    for panels_for in app_functions("home", "panels"):
        panels.extend(panels_for(user))
    template = {
        Role.MANAGER: "home/manager.html",
        Role.BRANCH_HEAD: "home/branch_head.html",
        Role.COMMITTEE: "home/committee.html",
        Role.AUDITOR: "home/auditor.html",
        Role.ADMIN: "home/admin.html",
    }.get(user.role, "home/manager.html")
    # Only approvers have an authority worth showing; managers' rows are zero.
    authority = AuthorityLimit.objects.for_user(user) if user.role in APPROVER_ROLES else None
    return render(request, template, {"panels": panels, "authority": authority})


@login_required
def authority_table(request):
    rows = AuthorityLimit.objects.all()
    return render(request, "creditdesk/authority_table.html", {"rows": rows})


MENU_ROWS = 8


@login_required
def notifications(request):
    """My open notices (whose turn it is), each linking to its record; the last ones done."""
    mine = Notification.objects.visible_to(request.user)
    if request.GET.get("menu"):
        # The bell's drop-down (htmx): the newest few, no page load.
        notices = list(mine.open()[:MENU_ROWS])
        for notice in notices:
            notice.kind_text = kind_label(notice.kind)
        return render(request, "creditdesk/_notice_menu.html", {"open": notices})
    open_ = list(mine.open()[:200])
    done = list(mine.filter(done_at__isnull=False).order_by("-done_at")[:10])
    for notice in (*open_, *done):
        notice.kind_text = kind_label(notice.kind)
    return render(request, "creditdesk/notifications.html", {"open": open_, "done": done})


@login_required
@require_POST
def notification_done(request, pk: int):
    """ "Mark done" on a notice whose task was settled some other way (a phone call)."""
    notice = get_for_user(Notification.objects.all(), request.user, pk=pk)
    dismiss(notification=notice, by=request.user)
    return redirect(safe_next(request, "notifications"))


@login_required
def activity(request, app_label: str, model_name: str, pk: int):
    """The audit trail of one record: who changed what, when, from which value to which.

    A deleted record's trail stays readable for the bank-wide readers (auditors, committee,
    administrators): it is what an inquiry asks for first.
    """
    if app_label not in CREDITDESK_APPS:
        raise Http404
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(model, "history") or not hasattr(model.objects, "visible_to"):
        raise Http404
    deleted = False
    if model.objects.filter(pk=pk).exists() or not _reads_whole_bank(request.user):
        obj = get_for_user(model.objects.all(), request.user, pk=pk)
    else:
        obj = last_version(model, pk)
        if obj is None:
            raise Http404
        deleted = True
    return render(
        request,
        "creditdesk/activity.html",
        {
            "object": obj,
            "deleted": deleted,
            "entries": history_entries(model, pk),
            "model_meta": model._meta,
        },
    )


def _reads_whole_bank(user) -> bool:
    return user.role in BANK_WIDE_ROLES or user.is_superuser


@never_cache
@require_GET
def healthz(request):
    """Liveness for load balancers and compose: database, and the broker when configured."""
    report = health.check()
    status = 200 if all(part["ok"] for part in report.values()) else 503
    return JsonResponse({"ok": status == 200, **report}, status=status)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # A path no API route matches still answers as the API does (JSON), not with a page.
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    # Minimal context on purpose: the failure may be in the database or a context processor.
    # (A broken connection is closed by Django at the end of the request, not here: closing it
    # here would end the transaction of whoever called the handler.)
    return render(request, "500.html", status=500)
