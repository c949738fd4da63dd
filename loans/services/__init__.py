"""Every state change of origination, one function each: keyword-only, typed, atomic, the row
locked, rules checked, saved through ``creditdesk.history`` with a reason code from
``loans.reasons`` and logged in the workflow log.

- ``applications``: create, change, submit, withdraw;
- ``investigation``: the two investigators, findings, confirmation;
- ``documents``: the credit file's scans;
- ``approval``: the head's decisions and the committee's votes;
- ``contracts``: the contract on the approved terms;
- ``workflow``: what they share (lock, move, who may act, eligibility).

Disbursement, repayments and the loan account are post-loan's (``postloan.services``).
"""

from loans.services.applications import (
    REQUEST_FIELDS,
    application_create,
    application_submit,
    application_update,
    application_withdraw,
    submission_problems,
)
from loans.services.approval import (
    application_approve,
    application_refer,
    application_reject,
    application_return,
    committee_size,
    committee_vote,
    committee_votes_needed,
)
from loans.services.contracts import application_sign_contract, next_contract_number
from loans.services.documents import document_attach_held, document_upload
from loans.services.investigation import (
    INVESTIGATION_FIELDS,
    application_start_investigation,
    confirmation_problems,
    investigation_confirm,
    investigation_update,
)
from loans.services.workflow import (
    eligibility_problems,
    four_eyes_problem,
    lock_application,
    move_application,
    recommendation_for,
)

__all__ = [
    "INVESTIGATION_FIELDS",
    "REQUEST_FIELDS",
    "application_approve",
    "application_create",
    "application_refer",
    "application_reject",
    "application_return",
    "application_sign_contract",
    "application_start_investigation",
    "application_submit",
    "application_update",
    "application_withdraw",
    "committee_size",
    "committee_vote",
    "committee_votes_needed",
    "confirmation_problems",
    "document_attach_held",
    "document_upload",
    "eligibility_problems",
    "four_eyes_problem",
    "investigation_confirm",
    "investigation_update",
    "lock_application",
    "move_application",
    "next_contract_number",
    "recommendation_for",
    "submission_problems",
]
