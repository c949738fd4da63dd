"""The household and its finances on the customer's file: members and snapshots."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk import web
from creditdesk.access import get_for_user
from customers.forms import MemberForm, SnapshotForm
from customers.models import FinancialSnapshot, HouseholdMember
from customers.services import household
from customers.views.common import file_url, record_on_file


@login_required
def member_add(request, pk: int):
    return record_on_file(
        request,
        pk,
        form_class=MemberForm,
        service=household.member_add,
        title=_("登记家庭成员"),
        success=_("已登记家庭成员。"),
        anchor="#household",
    )


@login_required
@require_POST
def member_delete(request, pk: int):
    member = get_for_user(HouseholdMember.objects.all(), request.user, write=True, pk=pk)
    return web.act(
        request,
        household.member_remove,
        success=_("已删除家庭成员。"),
        then=file_url(member.customer_id, "#household"),
        member=member,
        by=request.user,
    )


@login_required
def snapshot_add(request, pk: int):
    return record_on_file(
        request,
        pk,
        form_class=SnapshotForm,
        service=household.snapshot_record,
        title=_("记录经营财务快照"),
        success=_("已记录经营财务快照。"),
        anchor="#finance",
        initial={"as_of": timezone.localdate()},
    )


@login_required
@require_POST
def snapshot_delete(request, pk: int):
    snapshot = get_for_user(FinancialSnapshot.objects.all(), request.user, write=True, pk=pk)
    return web.act(
        request,
        household.snapshot_delete,
        success=_("已删除经营财务快照。"),
        then=file_url(snapshot.customer_id, "#finance"),
        snapshot=snapshot,
        by=request.user,
    )
