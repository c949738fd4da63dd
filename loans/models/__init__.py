"""Loans: products, applications, the pre-loan investigation, documents and approval — the
origination of a loan up to its contract. After disbursement the loan belongs to ``postloan``.

State changes happen only in ``loans/services/``; these modules hold the records, their
constraints and the reads (QuerySet methods).
"""

from loans.models.application import (
    EDITABLE_STATUSES,
    PENDING_APPROVAL,
    ApplicationStatus,
    ApplicationTransition,
    LoanApplication,
)
from loans.models.approval import ApprovalDecision, CommitteeVote, DecisionKind, Vote
from loans.models.base import MONEY, RATE, ZERO
from loans.models.documents import Document, document_path
from loans.models.investigation import (
    ASK_ITEMS,
    FIVE_CRITERIA,
    Answer,
    Investigation,
    OtherBorrowing,
    Quality,
)
from loans.models.product import BASE_DOCUMENTS, DocumentKind, GuaranteeKind, LoanProduct

__all__ = [
    "ASK_ITEMS",
    "BASE_DOCUMENTS",
    "EDITABLE_STATUSES",
    "FIVE_CRITERIA",
    "MONEY",
    "PENDING_APPROVAL",
    "RATE",
    "ZERO",
    "Answer",
    "ApplicationStatus",
    "ApplicationTransition",
    "ApprovalDecision",
    "CommitteeVote",
    "DecisionKind",
    "Document",
    "DocumentKind",
    "GuaranteeKind",
    "Investigation",
    "LoanApplication",
    "LoanProduct",
    "OtherBorrowing",
    "Quality",
    "Vote",
    "document_path",
]
