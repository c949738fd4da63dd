"""Web pages of the customers floor, one module per sub-domain; ``customers.urls`` maps them.

Thin: fetch the record in scope (``common``), call a service through ``creditdesk.web``
(``submit`` for a form, ``act`` for a button), show the result.
"""
