"""Reads of origination that are more than one QuerySet method: who may help investigate,
what an application page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from creditdesk.models import Branch, User, UserQuerySet
from loans.models import ZERO, ApplicationStatus, Investigation, LoanApplication
from loans.rules import Recommendation, recommend

#: Statuses in which the application is a loan on the books (its amount already counted).
LENT_STATUSES = (
    ApplicationStatus.DISBURSED,
    ApplicationStatus.SETTLED,
    ApplicationStatus.WRITTEN_OFF,
)


def branch_root_path(branch: Branch) -> str:
    """The path of the branch (支行) that ``branch`` belongs to: an outlet's parent branch,
    a branch itself ("/HO/B01/O011/" → "/HO/B01/")."""
    parts = [part for part in branch.path.split("/") if part][:2]
    return "/" + "/".join(parts) + "/"


def second_investigator_candidates(application: LoanApplication) -> UserQuerySet:
    """Who may be the second investigator (双人调查): an active account manager of the
    customer's branch or one of its outlets — staff in that branch head's scope. The lead
    investigator is excluded by the caller (it is the user who starts the investigation)."""
    root = branch_root_path(application.customer.branch)
    return (
        User.objects.active_managers()
        .filter(branch__path__startswith=root)
        .select_related("branch")
        .order_by("username")
    )


@dataclass
class DecisionFacts:
    """Everything an approver weighs, read once for the decision panel (审批要素)."""

    application: LoanApplication
    rating: object | None
    line: object | None
    line_drawn: Decimal
    line_available: Decimal | None
    loans_here: list
    loans_here_total: Decimal
    borrowings: list
    borrowings_total: Decimal
    snapshot: object | None
    growth: Decimal | None
    recommendation: Recommendation
    structure: object
    investigated: bool = False
    missing: list[dict] = field(default_factory=list)

    @property
    def indebtedness(self) -> Decimal:
        """What the customer owes today: our loans' balances and borrowings elsewhere."""
        return self.loans_here_total + self.borrowings_total

    @property
    def indebtedness_with_this(self) -> Decimal:
        """Total indebtedness if this application is lent (not counted twice once it is)."""
        if self.application.status in LENT_STATUSES:
            return self.indebtedness
        return self.indebtedness + self.application.final_amount

    @property
    def exceeds_line(self) -> bool:
        return (
            self.application.product.needs_credit_line
            and self.application.status not in LENT_STATUSES
            and (self.line_available is None or self.application.final_amount > self.line_available)
        )


def decision_facts(
    application: LoanApplication, *, investigation: Investigation | None, structure
) -> DecisionFacts:
    """The approver's panel for one application, in a fixed number of queries whatever the
    customer holds (pinned in ``loans/tests/test_decision_panel.py``). ``investigation``
    (with its other borrowings prefetched) and the guarantee ``structure``
    (``guarantees.coverage.structure``) come from the page, which shows them too."""
    customer = application.customer
    today = timezone.localdate()
    rating = customer.ratings.current(today)
    line = customer.credit_lines.in_force_on(today).first()
    drawn = line.outstanding() if line is not None else ZERO
    available = max(line.amount - drawn, ZERO) if line is not None else None
    # Post-loan's loan accounts sit a floor above: read through the reverse relation.
    loans_here = list(
        customer.loans.active().exclude(application=application).order_by("maturity_date", "pk")
    )
    borrowings = list(investigation.other_borrowings.all()) if investigation else []
    snapshots = list(customer.financials.order_by("-as_of", "-pk")[:2])
    snapshot = snapshots[0] if snapshots else None
    growth = snapshot.growth_on(snapshots[1]) if len(snapshots) > 1 else None
    if investigation is None:
        recommendation = Recommendation.INCOMPLETE
    else:
        recommendation = recommend(
            character=investigation.character,
            product=investigation.product_quality,
            collateral=investigation.collateral,
        )
    return DecisionFacts(
        application=application,
        rating=rating,
        line=line,
        line_drawn=drawn,
        line_available=available,
        loans_here=loans_here,
        loans_here_total=sum((loan.outstanding_principal for loan in loans_here), ZERO),
        borrowings=borrowings,
        borrowings_total=sum((b.amount for b in borrowings), ZERO),
        snapshot=snapshot,
        growth=growth,
        recommendation=recommendation,
        structure=structure,
        investigated=investigation is not None,
        missing=application.missing_documents(),
    )
