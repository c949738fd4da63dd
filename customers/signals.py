"""Signals the customers floor sends to the floors above it (which it may not import).

``customers_reassigned`` is sent inside the reassignment transaction with
``customer_ids: list[int]`` and ``by: User``, after the customers' manager/branch changed, so
that records above (loans, post-loan) keep their denormalised ``branch``/``manager`` columns
right. A receiver that raises rolls the reassignment back.
"""

import django.dispatch

customers_reassigned = django.dispatch.Signal()
