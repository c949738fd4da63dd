"""The table's reference-data row (docs/roles.md): only administrators enter the admin site
to change products, scorecards, tiers, the authority table, branches and staff."""

from __future__ import annotations

import pytest

from creditdesk.permissions_table import COLUMNS, RULES

FIXTURE = {
    "manager": "manager",
    "branch_head": "head",
    "committee": "committee",
    "auditor": "auditor",
    "admin": "admin_user",
}
PAGES = ["/admin/creditdesk/authoritylimit/add/", "/admin/creditdesk/branch/add/"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", COLUMNS)
def test_only_the_roles_of_the_table_open_the_reference_data(role, page, bank, request, client_for):
    response = client_for(request.getfixturevalue(FIXTURE[role])).get(page)
    if role in RULES["creditdesk.reference_data"].allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
