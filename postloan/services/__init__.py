"""Every state change of a loan account, one function each, saved through
``creditdesk.history`` with a reason code from ``postloan.reasons``:

- ``disbursement``: ``loan_open``, the hand-over from origination;
- ``repayments``: ``loan_record_repayment``, ``loan_write_off``;
- ``overdue``: ``loans_mark_overdue``, the nightly job's set-based update;
- ``assignment``: ``loans_follow_customers``, after a customer's reassignment.
"""

from postloan.services.assignment import loans_follow_customers
from postloan.services.disbursement import loan_open
from postloan.services.overdue import loans_mark_overdue
from postloan.services.repayments import loan_record_repayment, loan_write_off, refresh_loan_state

__all__ = [
    "loan_open",
    "loan_record_repayment",
    "loan_write_off",
    "loans_follow_customers",
    "loans_mark_overdue",
    "refresh_loan_state",
]
