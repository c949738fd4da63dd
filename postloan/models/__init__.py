"""Post-loan: the loan account after disbursement, its schedule, repayments and their
allocation, overdue state. State changes happen only in ``postloan/services/``."""

from postloan.models.categories import (
    DpdBucket,
    LoanClass,
    Restructure,
    classification_floor,
    dpd_bucket,
)
from postloan.models.classification import (
    ClassificationProposal,
    LoanMove,
    MoveKind,
    ProposalStatus,
)
from postloan.models.inspection import (
    Condition,
    FundsUse,
    Inspection,
    InspectionMode,
    InspectionPhoto,
    InspectionStatus,
    WarningSignal,
)
from postloan.models.loan import Instalment, Loan, LoanQuerySet, LoanStatus
from postloan.models.nightly import Alert, AlertKind, NightlyRun, RunStatus
from postloan.models.repayment import Repayment, RepaymentLine

__all__ = [
    "Alert",
    "AlertKind",
    "ClassificationProposal",
    "Condition",
    "DpdBucket",
    "FundsUse",
    "Inspection",
    "InspectionMode",
    "InspectionPhoto",
    "InspectionStatus",
    "Instalment",
    "Loan",
    "LoanClass",
    "LoanMove",
    "LoanQuerySet",
    "LoanStatus",
    "MoveKind",
    "NightlyRun",
    "ProposalStatus",
    "Repayment",
    "RepaymentLine",
    "Restructure",
    "RunStatus",
    "WarningSignal",
    "classification_floor",
    "dpd_bucket",
]
