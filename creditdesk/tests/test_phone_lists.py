"""Every list table turns into cards on a phone: a ``<table class="table …">`` with a header
row carries ``cd-cards`` (``static/css/creditdesk.css``: below 576 px each row a card, each cell
labelled by its column), or ``cd-grid`` where a grid of figures reads best as rows and fits a
phone by hiding its secondary columns (a repayment schedule). ``tests/test_browser_phone.py``
opens the pages at 390 px."""

from __future__ import annotations

import re

from tests.helpers import BASE_DIR

TEMPLATE_DIRS = ["templates", "customers/templates", "loans/templates", "guarantees/templates"]
TEMPLATE_DIRS += ["postloan/templates"]
TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)


def _tables_without_a_phone_layout() -> list[str]:
    found = []
    for folder in TEMPLATE_DIRS:
        for path in sorted((BASE_DIR / folder).rglob("*.html")):
            for match in TABLE.finditer(path.read_text()):
                attributes, body = match.groups()
                classes = re.search(r'class="([^"]*)"', attributes)
                classes = classes.group(1).split() if classes else []
                if "table" not in classes or "<thead" not in body:
                    continue  # a print sheet, or a record's key/value rows
                if "cd-cards" not in classes and "cd-grid" not in classes:
                    table_id = re.search(r'id="([^"]*)"', attributes)
                    name = table_id.group(1) if table_id else attributes.strip()[:60]
                    found.append(f"{path.relative_to(BASE_DIR)}: {name}")
    return found


def test_every_list_table_has_a_phone_layout():
    assert _tables_without_a_phone_layout() == []
