"""Post-loan: the loan account after disbursement, its schedule, repayments and their
allocation, overdue state. State changes happen only in ``postloan/services/``."""

from postloan.models.loan import Instalment, Loan, LoanQuerySet, LoanStatus
from postloan.models.repayment import Repayment, RepaymentLine

__all__ = ["Instalment", "Loan", "LoanQuerySet", "LoanStatus", "Repayment", "RepaymentLine"]
