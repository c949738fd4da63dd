"""Every change to guarantees, one function each (web, API, admin, the loans and post-loan
services call them). Import them from their sub-domain module: ``from
guarantees.services.parties import guarantee_propose``.

- ``parties``: guarantors and their guarantees; ``collateral``: collateral, custody, pledges;
- ``groups``: joint-guarantee groups (联保); ``contracts``: contracts signed with the loan,
  the registration check before disbursement, release at settlement.

Each function is keyword-only and ``@transaction.atomic``, checks ``require_writer`` and the
scope of every record it is handed, locks the row, and saves through ``creditdesk.history``
with a reason code of ``guarantees.reasons``. A broken rule raises ``ValidationError``.
"""

from guarantees.services.contracts import (
    contracts_sign,
    disbursement_problems,
    securities_release,
)

__all__ = ["contracts_sign", "disbursement_problems", "securities_release"]
