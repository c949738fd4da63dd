"""What guarantees adds to a customer's file (asked through ``creditdesk.discovery``).

The customer file lives a floor below guarantees; it asks each app above for panels, the
same way the home page does. A farm household in a joint-guarantee group (联保) sees its group
and every member's default on its own file: one member's arrears are every member's risk.
"""

from __future__ import annotations

from guarantees.models import JointGroupMember
from guarantees.queries import in_default


def customer_panels(customer, user) -> list[dict]:
    memberships = list(
        JointGroupMember.objects.current().filter(customer=customer).select_related("group")
    )
    if not memberships:
        return []
    groups = [m.group for m in memberships]
    members = list(
        JointGroupMember.objects.current()
        .filter(group__in=groups)
        .select_related("customer")
        .order_by("group", "pk")
    )
    defaulting = in_default({m.customer_id for m in members})
    return [
        {
            "template": "guarantees/_file_groups.html",
            "groups": [
                {
                    "group": group,
                    "members": [
                        {"customer": m.customer, "in_default": m.customer_id in defaulting}
                        for m in members
                        if m.group_id == group.pk
                    ],
                }
                for group in groups
            ],
            "any_default": bool(defaulting),
        }
    ]
