"""Joint-guarantee groups (联保小组): formed by three to five farm households of the branch,
members join and leave, and the group guarantees a member's loan up to its ceiling."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope
from creditdesk.history import audited_save
from creditdesk.models import User
from customers.models import Customer, CustomerType
from guarantees.models import (
    LIVE,
    MAX_MEMBERS,
    MIN_MEMBERS,
    ZERO,
    GroupStatus,
    Guarantor,
    JointGroup,
    JointGroupMember,
    PartyType,
    Relationship,
    Willingness,
)
from guarantees.reasons import GuaranteesReason
from guarantees.services.common import (
    OPEN_STATUSES,
    lock,
    lock_application,
    require_handler,
    require_keeper,
    require_status,
)
from guarantees.services.parties import propose_guarantee, register_party


def _check_member(customer: Customer, group: JointGroup | None, by: User) -> None:
    require_in_scope(Customer.objects, by, customer)
    if customer.customer_type != CustomerType.FARM_HOUSEHOLD:
        raise ValidationError(
            {"members": _("联保小组成员须为农户：%(name)s 不是。") % {"name": customer}}
        )
    elsewhere = JointGroupMember.objects.current().filter(
        customer=customer, group__status=GroupStatus.ACTIVE
    )
    if group is not None:
        elsewhere = elsewhere.exclude(group=group)
    if elsewhere.exists():
        raise ValidationError(
            {"members": _("%(name)s 已是其他联保小组的成员。") % {"name": customer}}
        )


@transaction.atomic
def group_form(
    *,
    by: User,
    name: str,
    ceiling: Decimal,
    members: list[Customer],
    formed_on: datetime.date | None = None,
) -> JointGroup:
    """Form a group of three to five farm households, answered for by the forming manager."""
    require_keeper(by)
    members = list(dict.fromkeys(members))
    if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
        raise ValidationError(
            {
                "members": _("联保小组须由 %(min)s 至 %(max)s 户农户组成。")
                % {"min": MIN_MEMBERS, "max": MAX_MEMBERS}
            }
        )
    for customer in members:
        _check_member(customer, None, by)
    if ceiling is None or ceiling <= 0:
        raise ValidationError({"ceiling": _("小组贷款总额上限须大于零。")})
    group = JointGroup(
        name=(name or "").strip(),
        branch=by.branch,
        manager=by,
        ceiling=ceiling,
        formed_on=formed_on or timezone.localdate(),
    )
    audited_save(group, by=by, reason=GuaranteesReason.GROUP_FORM, exclude=["branch", "manager"])
    for customer in members:
        member = JointGroupMember(group=group, customer=customer, joined_on=group.formed_on)
        audited_save(
            member, by=by, reason=GuaranteesReason.GROUP_FORM, exclude=["group", "customer"]
        )
    return group


@transaction.atomic
def group_join(*, group: JointGroup, customer: Customer, by: User) -> JointGroupMember:
    group = lock(JointGroup.objects, group, by=by)
    if group.status != GroupStatus.ACTIVE:
        raise ValidationError(_("联保小组已解散。"))
    if group.members.current().count() >= MAX_MEMBERS:
        raise ValidationError({"customer": _("联保小组最多 %(max)s 户。") % {"max": MAX_MEMBERS}})
    if group.members.current().filter(customer=customer).exists():
        raise ValidationError({"customer": _("该农户已是本小组成员。")})
    _check_member(customer, group, by)
    member = JointGroupMember(group=group, customer=customer, joined_on=timezone.localdate())
    return audited_save(
        member, by=by, reason=GuaranteesReason.GROUP_JOIN, exclude=["group", "customer"]
    )


@transaction.atomic
def group_leave(*, member: JointGroupMember, by: User) -> JointGroupMember:
    """A member leaves: not while the group guarantees their loan or they guarantee another's,
    and never below three members."""
    member = lock(JointGroupMember.objects.select_related("group"), member, by=by)
    group = lock(JointGroup.objects, member.group, by=by)
    if member.left_on is not None:
        raise ValidationError(_("该成员已退出。"))
    if group.members.current().count() <= MIN_MEMBERS:
        raise ValidationError(_("联保小组不能少于 %(min)s 户。") % {"min": MIN_MEMBERS})
    if (
        group.guarantees.filter(status__in=LIVE, borrower=member.customer).exists()
        or (
            group.guarantees.filter(status__in=LIVE, guarantor__id_number=member.customer.id_number)
        ).exists()
    ):
        raise ValidationError(_("该成员仍有小组担保中的贷款或担保责任，不能退出。"))
    member.left_on = timezone.localdate()
    return audited_save(member, by=by, reason=GuaranteesReason.GROUP_LEAVE)


def group_exposure(group: JointGroup, *, excluding_application=None) -> Decimal:
    """The amounts of the loans the group guarantees (each application once)."""
    guarantees = group.guarantees.filter(status__in=LIVE)
    if excluding_application is not None:
        guarantees = guarantees.exclude(application=excluding_application)
    applications = guarantees.values("application").distinct()
    model = group.guarantees.model._meta.get_field("application").related_model
    total = model.objects.filter(pk__in=applications).aggregate(total=Sum("amount"))["total"]
    return total or ZERO


@transaction.atomic
def group_guarantee(
    *, group: JointGroup, application, by: User, willingness: str = Willingness.AVERAGE
) -> list:
    """Every other current member of the group guarantees a member's loan, jointly and
    severally, for its whole amount, within the group ceiling."""
    application = lock_application(application, by=by)
    require_handler(application, by)
    require_status(application, OPEN_STATUSES, _("追加联保"))
    group = lock(JointGroup.objects, group, by=by)
    if group.status != GroupStatus.ACTIVE:
        raise ValidationError(_("联保小组已解散。"))
    members = list(group.members.current().select_related("customer__branch"))
    if len(members) < MIN_MEMBERS:
        raise ValidationError(_("联保小组不足 %(min)s 户，不能担保。") % {"min": MIN_MEMBERS})
    if application.customer_id not in {m.customer_id for m in members}:
        raise ValidationError(_("借款人不是该联保小组的成员。"))
    if group.guarantees.filter(status__in=LIVE, application=application).exists():
        raise ValidationError(_("该小组已为本笔贷款担保。"))
    exposure = group_exposure(group)
    if exposure + application.amount > group.ceiling:
        raise ValidationError(
            _("小组贷款总额上限 %(ceiling)s 元，已担保 %(used)s 元，不足本笔 %(amount)s 元。")
            % {"ceiling": group.ceiling, "used": exposure, "amount": application.amount}
        )
    guarantees = []
    for member in members:
        if member.customer_id == application.customer_id:
            continue
        customer = member.customer
        party = Guarantor.objects.filter(
            branch=application.customer.branch, id_number=customer.id_number
        ).first() or register_party(
            branch=application.customer.branch,
            by=by,
            values={
                "party_type": PartyType.PERSON,
                "name": customer.name,
                "id_number": customer.id_number,
                "phone": customer.phone,
            },
        )
        guarantees.append(
            propose_guarantee(
                application,
                by=by,
                guarantor=party,
                amount=application.amount,
                relationship=Relationship.GROUP_MEMBER,
                willingness=willingness,
                group=group,
                reason=GuaranteesReason.GROUP_GUARANTEE,
            )
        )
    return guarantees
