"""Loan-application pages: thin views that read through ``visible_to`` and change through
``loans.services``; refusals are shown through ``creditdesk.web``."""

from loans.views.applications import (
    application_create,
    application_detail,
    application_edit,
    application_list,
    approval_queue,
    customer_search,
    document_download,
    document_upload,
    missing_documents,
)
from loans.views.workflow import (
    investigation_confirm,
    investigation_edit,
    review,
    sign_contract,
    start_investigation,
    submit,
    vote,
    withdraw,
)

__all__ = [
    "application_create",
    "application_detail",
    "application_edit",
    "application_list",
    "approval_queue",
    "customer_search",
    "document_download",
    "document_upload",
    "investigation_confirm",
    "investigation_edit",
    "missing_documents",
    "review",
    "sign_contract",
    "start_investigation",
    "submit",
    "vote",
    "withdraw",
]
