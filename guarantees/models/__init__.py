"""Guarantees (担保): guarantors and their guarantees, collateral and pledges, joint-guarantee
groups, and the policy an administrator configures. One module per sub-domain, everything
re-exported here: ``from guarantees.models import Guarantee``.

Applications are the floor above's (``loans``): they are referred to by the string
``"loans.LoanApplication"`` and read only through their attributes.
"""

from guarantees.models.base import MONEY, RATIO, ZERO
from guarantees.models.collateral import (
    PLEDGE_LIVE,
    Collateral,
    CollateralStatus,
    Custody,
    CustodyMovement,
    Pledge,
    PledgeStatus,
)
from guarantees.models.groups import (
    MAX_MEMBERS,
    MIN_MEMBERS,
    GroupStatus,
    JointGroup,
    JointGroupMember,
)
from guarantees.models.parties import (
    JOINT_AND_SEVERAL,
    LIVE,
    Guarantee,
    GuaranteeStatus,
    Guarantor,
    PartyType,
    Relationship,
    Willingness,
)
from guarantees.models.policy import CollateralKind, GuaranteePolicy


def application_model():
    """The loan application model, reached through our string foreign key: guarantees does
    not import the floor above."""
    return Guarantee._meta.get_field("application").related_model


__all__ = [
    "JOINT_AND_SEVERAL",
    "LIVE",
    "MAX_MEMBERS",
    "MIN_MEMBERS",
    "MONEY",
    "PLEDGE_LIVE",
    "RATIO",
    "ZERO",
    "Collateral",
    "CollateralKind",
    "CollateralStatus",
    "Custody",
    "CustodyMovement",
    "GroupStatus",
    "Guarantee",
    "GuaranteePolicy",
    "GuaranteeStatus",
    "Guarantor",
    "JointGroup",
    "JointGroupMember",
    "PartyType",
    "Pledge",
    "PledgeStatus",
    "Relationship",
    "Willingness",
    "application_model",
]
