"""docs/roles.md shows the role × action table the services enforce (issue 8, finding 4)."""

from __future__ import annotations

import ast
from pathlib import Path

from creditdesk.permissions_table import COLUMNS, TABLE, markdown
from creditdesk.roles import Role

ROOT = Path(__file__).resolve().parents[2]
START = "<!-- table: generated from creditdesk/permissions_table.py -->\n"
END = "<!-- end of table -->"


def test_the_doc_shows_the_table_the_services_enforce():
    text = (ROOT / "docs" / "roles.md").read_text(encoding="utf-8")
    shown = text.split(START, 1)[1].split(END, 1)[0]
    assert shown == markdown(), "regenerate the table in docs/roles.md (see the page)"


def test_every_role_is_a_column_and_the_auditor_writes_nothing():
    assert set(COLUMNS) == set(Role.values)
    assert all(Role.AUDITOR not in rule.allowed for rule in TABLE)
    assert len({rule.action for rule in TABLE}) == len(TABLE)


def _require_role_calls() -> set[str]:
    """Every action a service names: require_role(user, "x"), lock(..., action="x"), and the
    module constants such as CONTACT = "customers.contact"."""
    names = set()
    for app in ("customers", "loans", "postloan"):
        for path in (ROOT / app / "services").glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = node.value if isinstance(node, ast.Constant) else None
                if isinstance(value, str) and value.startswith(f"{app}.") and " " not in value:
                    names.add(value)
    return names


def test_every_row_but_the_admin_sites_is_enforced_by_a_service():
    enforced = _require_role_calls()
    rows = {rule.action for rule in TABLE if not rule.action.startswith("creditdesk.")}
    assert rows - enforced == set(), "rows no service checks"


def test_every_listed_service_exists():
    import importlib

    for rule in TABLE:
        for dotted in rule.services:
            if " " in dotted:
                continue  # the admin site
            module, name = dotted.rsplit(".", 1)
            assert hasattr(importlib.import_module(module), name), dotted
