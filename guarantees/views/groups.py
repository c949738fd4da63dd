"""Joint-guarantee groups (联保小组): the list, forming one, its members and their defaults."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import get_for_user
from creditdesk.scoping import can_write
from guarantees import queries
from guarantees.forms import GroupForm, JoinForm
from guarantees.models import JointGroup, JointGroupMember
from guarantees.services import groups as group_services
from guarantees.views.common import form_page, get_group


@login_required
def group_list(request):
    groups = JointGroup.objects.visible_to(request.user).select_related("manager")
    return render(request, "guarantees/group_list.html", {"groups": groups})


@login_required
def group_new(request):
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = web.submit(
            form,
            group_services.group_form,
            by=request.user,
            name=form.cleaned_data["name"],
            ceiling=form.cleaned_data["ceiling"],
            members=list(form.cleaned_data["members"]),
        )
        if group is not web.NOT_DONE:
            messages.success(request, _("联保小组已成立。"))
            return redirect("guarantees:group", pk=group.pk)
    return form_page(request, form=form, title=_("成立联保小组"), back="/guarantees/groups/")


@login_required
def group_detail(request, pk: int):
    group = get_group(request, pk)
    members = list(group.members.current().select_related("customer"))
    defaults = queries.in_default([m.customer_id for m in members])
    return render(
        request,
        "guarantees/group_detail.html",
        {
            "group": group,
            "members": [(m, m.customer_id in defaults) for m in members],
            "any_default": bool(defaults),
            "exposure": group_services.group_exposure(group),
            "join_form": JoinForm(user=request.user),
            "can_write": can_write(request.user),
        },
    )


@login_required
@require_POST
def group_join(request, pk: int):
    group = get_group(request, pk, write=True)
    form = JoinForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("guarantees:group", pk=group.pk)
    return web.act(
        request,
        group_services.group_join,
        success=_("已加入联保小组。"),
        then=f"/guarantees/groups/{group.pk}/",
        group=group,
        customer=form.cleaned_data["customer"],
        by=request.user,
    )


@login_required
@require_POST
def group_leave(request, pk: int):
    member = get_for_user(JointGroupMember.objects.all(), request.user, write=True, pk=pk)
    return web.act(
        request,
        group_services.group_leave,
        success=_("成员已退出联保小组。"),
        then=f"/guarantees/groups/{member.group_id}/",
        member=member,
        by=request.user,
    )
