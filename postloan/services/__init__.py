"""Every state change of a loan account, one function each, saved through
``creditdesk.history`` with a reason code from ``postloan.reasons``:

- ``disbursement``: ``loan_open``, the hand-over from origination;
- ``repayments``: ``loan_record_repayment``, ``loan_write_off``;
- ``overdue``: ``loans_mark_overdue``, the nightly job's set-based update;
- ``assignment``: ``loans_follow_customers``, after a customer's reassignment;
- ``inspections``: ``inspection_start``, ``inspection_save_draft``, ``inspection_add_photo``,
  ``inspection_remove_photo``, ``inspection_submit``, and the nightly ``inspections_replan``.
"""

from postloan.services.assignment import loans_follow_customers
from postloan.services.classification import (
    classification_decide,
    classification_propose,
    loan_mark_restructured,
)
from postloan.services.disbursement import loan_open
from postloan.services.inspections import (
    inspection_add_photo,
    inspection_remove_photo,
    inspection_save_draft,
    inspection_start,
    inspection_submit,
    inspections_replan,
)
from postloan.services.nightly import nightly_request
from postloan.services.overdue import loans_mark_overdue
from postloan.services.repayments import loan_record_repayment, loan_write_off, refresh_loan_state

__all__ = [
    "classification_decide",
    "classification_propose",
    "inspection_add_photo",
    "inspection_remove_photo",
    "inspection_save_draft",
    "inspection_start",
    "inspection_submit",
    "inspections_replan",
    "loan_mark_restructured",
    "loan_open",
    "loan_record_repayment",
    "loan_write_off",
    "loans_follow_customers",
    "loans_mark_overdue",
    "nightly_request",
    "refresh_loan_state",
]
