"""Web pages of the guarantees floor; ``guarantees.urls`` maps them. Thin: fetch the record in
scope (``common``), call a service through ``creditdesk.web``, show the result. Loans' pages
include the structure through ``structure.structure_context``."""
