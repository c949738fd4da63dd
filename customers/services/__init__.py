"""Every change to a customer's records, one function each (web, API, import, admin and tasks
call them). Import them from their sub-domain module: ``from customers.services.credit import
credit_line_approve``.

- ``customers``: open a file, edit it, reassign it; ``marketing``: pipeline stage, products;
- ``household``: household members and financial snapshots; ``contacts``: the contact log;
- ``credit``: ratings and credit lines; ``villages``: credit villages and their batches.

Each function is keyword-only and ``@transaction.atomic``, checks ``require_writer`` and the
scope of every record it is handed, locks the row, and saves through ``creditdesk.history``
with a reason code of ``customers.reasons``. A broken rule raises ``ValidationError``.
"""
