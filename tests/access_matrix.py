"""The access matrix: every URL of the web and the API × role × scope × read and write, with
the answer each must get. ``tests/test_access_matrix.py`` sends every request and fails on a
different answer — and on a URL pattern of ``creditdesk.urls`` without a row here, so a new
page or endpoint is not done until its rows are (see DEVELOPERS.md, "Adding a URL").

How to read a row
-----------------
``Row(route, method, record, expect, data)``:

- ``route``: the URL's name (``"customers:detail"``; API routes are unnamespaced,
  ``"customer-detail"``). Its ``.<format>`` twin (``/api/customers.json``) is the same row.
- ``record``: the record whose id fills ``<pk>`` — an attribute of ``tests.world.Records``
  ("customer", "app_pending", "owner.branch", …) taken from each of the three scopes, or a
  bank-wide record of ``World.refs`` ("product", "scorecard", "authority_limit"). Where the
  URL has no ``<pk>`` the record's id goes into the body instead (``"{pk}"``): creating an
  application for a customer of each scope is how scope is tested on a list URL.
- ``expect``: the status code per role, in the order of ``ROLES``, separated by ``|``. A role
  with three codes answers per scope: own (a customer of ``manager``), branch (of
  ``manager2``, same branch head, another manager) and other (of ``other_manager``, another
  branch). One code means the same in every scope (or: the row has no scope).
- ``data``: the body of a write. Values may name the record (``"{pk}"``), the scope's customer
  (``"{customer}"``), its second investigator (``"{second}"``), the demo managers
  (``"{manager}"``, ``"{manager2}"``), today (``"{today}"``), a fresh ID number
  (``"{new_id}"``), factor scores (``"{scores}"``, ``"{batch_scores}"``), a PDF
  (``"{pdf}"``) or a JPEG photo (``"{jpeg}"``); ``"factor_*"`` expands to one field per factor of the scorecard.

Writes are real — each request runs in a savepoint that is rolled back — and mostly valid,
so that a role's answer comes from the gate (404 outside scope, 403 for a role that may not
act) or from the service's own rule, never from an empty form.

Roles: ``manager`` is 李客户经理 (B01), ``head`` 陈行长 (B01), ``committee`` 周委员,
``auditor`` 孙审计, ``admin`` 系统管理员 (Django superuser). The answers on the web: 302 is a
redirect (to the login page for anonymous visitors; after a button, whether the service
agreed or said why not in a message), 200 a page (a form re-rendered with its errors is a
200), 403 a role that may not act, 404 outside scope, 405 a method the URL does not take.
On the API anonymous callers get 403 (session authentication answers first).

The Django admin (``admin:*``) is one family of its own, checked in the test by rule: anonymous
and staff who are not administrators are sent to the admin login, the administrator gets every
changelist (and the add page of reference data; records that carry a bank rule are read-only).
"""

# ruff: noqa: E501
from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("anonymous", "manager", "head", "committee", "auditor", "admin")
SCOPES = ("own", "branch", "other")


@dataclass(frozen=True)
class Row:
    route: str
    method: str
    record: str | None
    expect: str
    data: dict | None = None
    kwargs: dict = field(default_factory=dict)  # other URL arguments (activity page)
    query: dict = field(default_factory=dict)  # the query string (placeholders allowed)


GET, POST, PUT, PATCH, DELETE = "GET", "POST", "PUT", "PATCH", "DELETE"

CUSTOMER_FORM = {
    "name": "新建档客户",
    "customer_type": "farm_household",
    "id_number": "{new_id}",
    "township": "城关镇",
    "village": "新村",
    "segment": "ordinary",
    "status": "prospect",
    "manager": "{manager}",
}
CUSTOMER_EDIT = {
    "name": "改名客户",
    "customer_type": "farm_household",
    "id_number": "{id_number}",
    "township": "城关镇",
    "village": "{village}",
    "segment": "ordinary",
    "status": "active",
}
MEMBER = {"name": "张小山", "relation": "child", "occupation": "学生"}
SNAPSHOT = {
    "as_of": "{today}",
    **dict.fromkeys(("revenue", "total_assets", "monthly_sales"), "120000"),
    **dict.fromkeys(("net_profit", "total_liabilities", "inventory"), "15000"),
    **dict.fromkeys(("receivables", "payables", "employees"), "3"),
}
CONTACT = {"kind": "call", "occurred_on": "{today}", "purpose": "回访", "cost": "0"}
INVESTIGATION_FORM = {
    "b-TOTAL_FORMS": "0",
    "b-INITIAL_FORMS": "0",
    "profit_margin": "10",
    "sales_growth": "5",
    "own_funds": "50000",
    "report": "补充调查",
}
APPLICATION = {
    "customer": "{pk}",
    "product": "{product}",
    "amount": "100000.00",
    "term_months": "12",
    "repayment_method": "equal_instalment",
    "proposed_rate": "6.5",
    "purpose": "购买饲料",
    "first_repayment_source": "生猪销售收入",
    "second_repayment_source": "务工收入",
    "production_cycle_months": "6",
}
VILLAGE = {"township": "城关镇", "village": "{village}"}
INSPECTION_FORM = {
    "mode": "on_site",
    "inspected_on": "{today}",
    "funds_use": "as_agreed",
    "business_condition": "good",
    "guarantor_condition": "n_a",
    "collateral_condition": "n_a",
}
APPLICATION_EDIT = {k: v for k, v in APPLICATION.items() if k not in ("customer", "product")}

GUARANTOR_FORM = {
    "party_type": "person",
    "name": "新保证人",
    "id_number": "{new_id}",
    "net_assets": "200000",
    "relationship": "friend",
    "willingness": "strong",
    "amount": "50000",
}

#: The residential-property kind is the first the migration seeds (pk 1 in a new database).
COLLATERAL = {
    "customer": "{pk}",
    "kind": "1",
    "description": "自建房",
    "appraised_value": "200000",
    "appraiser": "评估所",
    "appraised_on": "{today}",
}

# The table stays a table: one row a line, however long (no formatter, no line limit).
# fmt: off
ROWS: list[Row] = [
    # --- the shell (creditdesk) ---
    Row("home", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("healthz", GET, None, "200 | 200 | 200 | 200 | 200 | 200"),
    Row("healthz", POST, None, "405 | 405 | 405 | 405 | 405 | 405"),
    Row("login", GET, None, "200 | 200 | 200 | 200 | 200 | 200"),
    Row("login", POST, None, "200 | 200 | 200 | 200 | 200 | 200", {}),
    Row("logout", GET, None, "405 | 405 | 405 | 405 | 405 | 405"),
    Row("logout", POST, None, "302 | 302 | 302 | 302 | 302 | 302", {}),
    Row("password_change", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("password_change", POST, None, "302 | 200 | 200 | 200 | 200 | 200", {}),
    Row("password_change_done", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("set_language", POST, None, "302 | 302 | 302 | 302 | 302 | 302", {"language": "en", "next": "/"}),
    Row("authority_table", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("notifications", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("notification_done", GET, "notice", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("notification_done", POST, "notice", "302 | 302 404 404 | 404 | 404 | 404 | 404", {}),
    Row("activity", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200", kwargs={"app_label": "customers", "model_name": "customer"}),
    Row("activity", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200", kwargs={"app_label": "loans", "model_name": "loanapplication"}),
    Row("activity", GET, "loan", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200", kwargs={"app_label": "postloan", "model_name": "loan"}),
    # --- customers: files, household, contacts, marketing ---
    Row("customers:list", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:create", GET, None, "302 | 200 | 200 | 403 | 403 | 403"),
    Row("customers:create", POST, None, "302 | 302 | 302 | 403 | 403 | 403", CUSTOMER_FORM),
    Row("customers:export", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    # An export's file holds full numbers: the requester's alone (404 to everyone else).
    Row("customers:export_status", GET, "export", "302 | 200 404 404 | 404 | 404 | 404 | 404"),
    Row("customers:export_download", GET, "export", "302 | 200 404 404 | 404 | 404 | 404 | 404"),
    Row("customers:import", GET, None, "302 | 200 | 200 | 403 | 403 | 403"),
    Row("customers:import", POST, None, "302 | 200 | 200 | 403 | 403 | 403", {}),
    Row("customers:import_confirm", GET, None, "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:import_confirm", POST, None, "302 | 302 | 302 | 403 | 403 | 403", {}),
    Row("customers:import_template", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:reassign", GET, None, "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:reassign", POST, "customer", "302 | 403 | 302 302 403 | 403 | 403 | 302", {"customers": "{pk}", "to_manager": "{manager2}", "reason": "调岗"}),
    Row("customers:followups", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:pipeline", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:villages", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:detail", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:call", GET, "customer", "302 | 302 404 404 | 302 302 404 | 302 | 302 | 302"),
    Row("customers:edit", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:edit", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", CUSTOMER_EDIT),
    Row("customers:stage", GET, "customer", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:stage", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"stage": "contacted"}),
    Row("customers:products", GET, "customer", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:products", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"products": "deposit"}),
    Row("customers:member_add", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:member_add", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", MEMBER),
    Row("customers:member_delete", GET, "member", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:member_delete", POST, "member", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("customers:snapshot_add", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:snapshot_add", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", SNAPSHOT),
    Row("customers:snapshot_delete", GET, "snapshot", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:snapshot_delete", POST, "snapshot", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("customers:contact_add", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:contact_add", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", CONTACT),
    Row("customers:contact_edit", GET, "contact", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:contact_edit", POST, "contact", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", CONTACT),
    Row("customers:contact_delete", GET, "contact", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:contact_delete", POST, "contact", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("customers:contact_done", GET, "contact", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:contact_done", POST, "contact", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    # --- customers: rating and credit (评级授信) ---
    Row("customers:credit", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_rate", GET, "customer", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:credit_rate", POST, "customer", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"factor_*": "90"}),
    Row("customers:credit_line_propose", GET, "customer_rated", "302 | 200 404 404 | 200 200 404 | 200 | 403 | 200"),
    Row("customers:credit_line_propose", POST, "customer_rated", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"amount": "20000", "valid_from": "{today}"}),
    Row("customers:credit_queue", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:credit_line", GET, "line_active", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_line_approve", GET, "line_pending", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_line_approve", POST, "line_pending", "302 | 403 404 404 | 302 302 404 | 302 | 403 | 403", {}),
    Row("customers:credit_line_revoke", GET, "line_active", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_line_revoke", POST, "line_active", "302 | 302 404 404 | 302 302 404 | 302 | 403 | 403", {"reason": "客户外出务工"}),
    Row("customers:credit_line_revoke", POST, "line_pending", "302 | 302 404 404 | 302 302 404 | 302 | 403 | 403", {"reason": "客户不需要了"}),
    Row("customers:credit_line_review", GET, "line_active", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_line_review", POST, "line_active", "302 | 403 404 404 | 302 302 404 | 302 | 403 | 403", {"passed": "1"}),
    Row("customers:credit_loan_card", GET, "line_active", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_batches", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("customers:credit_batch_new", GET, "customer", "302 | 200 | 200 | 403 | 403 | 403", query=VILLAGE),
    Row("customers:credit_batch_new", POST, "customer", "302 | 302 200 200 | 302 302 200 | 403 | 403 | 403", {"objection_days": "7", "household_*": "90"}, query=VILLAGE),
    Row("customers:credit_batch", GET, "batch_open", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_batch_publish", GET, "batch_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_batch_publish", POST, "batch_draft", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("customers:credit_batch_effective", GET, "batch_closed", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_batch_effective", POST, "batch_closed", "302 | 403 404 404 | 302 302 404 | 302 | 403 | 403", {}),
    Row("customers:credit_batch_notice", GET, "batch_open", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_batch_cards", GET, "batch_open", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customers:credit_entry_object", GET, "entry", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_entry_object", POST, "entry", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"objection": "家庭收入有误"}),
    Row("customers:credit_entry_resolve", GET, "entry_objected", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("customers:credit_entry_resolve", POST, "entry_objected", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"upheld": "0", "resolution": "已核实"}),
    # --- loans: origination ---
    Row("loans:application_list", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("loans:application_create", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("loans:customer_search", GET, None, "302 | 200 | 200 | 200 | 200 | 200", query={"q": "王"}),
    Row("loans:application_create", POST, "customer", "302 | 302 200 200 | 403 403 200 | 403 | 403 | 403", APPLICATION),
    Row("loans:approval_queue", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("loans:application_detail", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loans:application_edit", GET, "app_draft", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loans:application_edit", POST, "app_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", APPLICATION_EDIT),
    Row("loans:start_investigation", GET, "app_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:start_investigation", POST, "app_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"second_investigator": "{second}"}),
    Row("loans:investigation_edit", GET, "app_investigating", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loans:investigation_edit", POST, "app_investigating", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", INVESTIGATION_FORM),
    Row("loans:investigation_confirm", GET, "app_investigating", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:investigation_confirm", POST, "app_investigating", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    Row("loans:document_upload", GET, "app_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:document_upload", POST, "app_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"kinds": "applicant_id", "files": "{pdf}"}),
    Row("loans:missing_documents", GET, "app_draft", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loans:submit", GET, "app_investigated", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:submit", POST, "app_investigated", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    Row("loans:withdraw", GET, "app_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:withdraw", POST, "app_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"reason": "客户不需要了"}),
    Row("loans:review", GET, "app_pending", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:review", POST, "app_pending", "302 | 403 404 404 | 302 302 404 | 403 | 403 | 403", {"action": "approve", "opinion": "同意"}),
    Row("loans:vote", GET, "app_referred", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:vote", POST, "app_referred", "302 | 403 404 404 | 403 403 404 | 302 | 403 | 403", {"vote": "approve", "opinion": "同意"}),
    Row("loans:sign_contract", GET, "app_approved", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("loans:sign_contract", POST, "app_approved", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"day": "{today}"}),
    Row("loans:document_download", GET, "document", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    # --- postloan: the loan account ---
    Row("postloan:loan_list", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("postloan:loan_detail", GET, "loan", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("postloan:record_repayment", GET, "loan", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:record_repayment", POST, "loan", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"amount": "1000.00", "paid_on": "{today}"}),
    Row("postloan:disburse", GET, "app_signed", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:disburse", POST, "app_signed", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"day": "{today}"}),
    # --- postloan: inspections (a draft is filled and submitted by its inspector only) ---
    Row("postloan:inspection_worklist", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("postloan:warning_board", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("postloan:inspection_start", GET, "loan", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:inspection_start", POST, "loan", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"mode": "on_site", "surprise": "on"}),
    Row("postloan:inspection", GET, "inspection_draft", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("postloan:inspection", GET, "inspection_done", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("postloan:inspection", POST, "inspection_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"mode": "off_site", "funds_use": "as_agreed"}),
    Row("postloan:inspection_submit", GET, "inspection_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:inspection_submit", POST, "inspection_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", INSPECTION_FORM),
    Row("postloan:inspection_photo_add", GET, "inspection_draft", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:inspection_photo_add", POST, "inspection_draft", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {"photo": "{jpeg}", "caption": "猪舍"}),
    Row("postloan:inspection_photo", GET, "photo", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("postloan:inspection_photo_remove", GET, "photo", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:inspection_photo_remove", POST, "photo", "302 | 302 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    # --- postloan: five-category classification (the world's class_proposal is the owner's) ---
    Row("postloan:classification_proposals", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("postloan:classification_propose", GET, "loan", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:classification_propose", POST, "loan", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"category": "loss", "reason": "停产"}),
    Row("postloan:classification_decide", GET, "class_proposal", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:classification_decide", POST, "class_proposal", "302 | 403 404 404 | 302 302 404 | 403 | 403 | 403", {"decision": "approve", "opinion": "同意"}),
    Row("postloan:loan_restructure", GET, "loan", "302 | 405 | 405 | 405 | 405 | 405"),
    Row("postloan:loan_restructure", POST, "loan", "302 | 403 404 404 | 302 302 404 | 403 | 403 | 403", {"kind": "refinanced", "observation_until": "2060-12-31"}),
    # --- API: organisation ---
    Row("api-root", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("api-me", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("schema", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("swagger-ui", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("branch-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("branch-detail", GET, "owner.branch", "403 | 200 200 404 | 200 200 404 | 200 | 200 | 200"),
    Row("user-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("user-detail", GET, "owner", "403 | 200 200 404 | 200 200 404 | 200 | 200 | 200"),
    Row("notification-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("authority-limit-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("authority-limit-list", POST, None, "403 | 403 | 403 | 403 | 403 | 201", {"role": "branch_head", "grade": 9, "max_loan_amount": "1.00", "max_credit_line": "1.00"}),
    Row("authority-limit-detail", GET, "authority_limit", "403 | 200 | 200 | 200 | 200 | 200"),
    Row("authority-limit-detail", PATCH, "authority_limit", "403 | 403 | 403 | 403 | 403 | 200", {}),
    Row("authority-limit-detail", PUT, "authority_limit", "403 | 403 | 403 | 403 | 403 | 200", {"role": "manager", "grade": None, "max_loan_amount": "0.00", "max_credit_line": "0.00"}),
    Row("authority-limit-detail", DELETE, "authority_limit", "403 | 403 | 403 | 403 | 403 | 204"),
    # --- API: customers ---
    Row("customer-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("customer-list", POST, None, "403 | 201 | 201 | 403 | 403 | 403", {k: v for k, v in CUSTOMER_FORM.items() if k != "status"}),
    Row("customer-detail", GET, "customer", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("customer-detail", PATCH, "customer", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"industry": "养殖"}),
    Row("customer-detail", PUT, "customer", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {k: v for k, v in CUSTOMER_EDIT.items() if k != "status"}),
    Row("customer-detail", DELETE, "customer", "403 | 405 | 405 | 405 | 403 | 405"),
    Row("customer-stage", POST, "customer", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"stage": "contacted"}),
    Row("customer-products", POST, "customer", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"products": ["deposit"]}),
    Row("customer-reassign", POST, "customer", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 200", {"customers": ["{pk}"], "to_manager": "{manager2}", "reason": "调岗"}),
    Row("household-member-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("household-member-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"customer": "{pk}", **MEMBER}),
    Row("household-member-detail", GET, "member", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("household-member-detail", PATCH, "member", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"occupation": "务农"}),
    Row("household-member-detail", PUT, "member", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"customer": "{customer}", **MEMBER}),
    Row("household-member-detail", DELETE, "member", "403 | 204 404 404 | 204 204 404 | 403 | 403 | 403"),
    Row("financial-snapshot-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("financial-snapshot-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"customer": "{pk}", **SNAPSHOT}),
    Row("financial-snapshot-detail", GET, "snapshot", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("financial-snapshot-detail", DELETE, "snapshot", "403 | 204 404 404 | 204 204 404 | 403 | 403 | 403"),
    Row("contact-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("contact-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"customer": "{pk}", **CONTACT}),
    Row("contact-detail", GET, "contact", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("contact-detail", PATCH, "contact", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"summary": "已回访"}),
    Row("contact-detail", PUT, "contact", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"customer": "{customer}", **CONTACT}),
    Row("contact-detail", DELETE, "contact", "403 | 204 404 404 | 204 204 404 | 403 | 403 | 403"),
    Row("contact-done", POST, "contact", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {}),
    Row("product-holding-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("product-holding-detail", GET, "holding", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("api-credit-villages", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("scorecard-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("scorecard-detail", GET, "scorecard", "403 | 200 | 200 | 200 | 200 | 200"),
    Row("scorecard-grade-bands", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("scorecard-farm-tiers", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("credit-rating-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("credit-rating-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"customer": "{pk}", "scores": "{scores}"}),
    Row("credit-rating-detail", GET, "rating", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("credit-line-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("credit-line-list", POST, "customer_rated", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"customer": "{pk}", "amount": "20000.00"}),
    Row("credit-line-detail", GET, "line_active", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("credit-line-approve", POST, "line_pending", "403 | 403 404 404 | 200 200 404 | 200 | 403 | 403", {}),
    Row("credit-line-revoke", POST, "line_active", "403 | 400 404 404 | 200 200 404 | 200 | 403 | 403", {"reason": "客户外出务工"}),
    Row("credit-line-revoke", POST, "line_pending", "403 | 200 404 404 | 200 200 404 | 200 | 403 | 403", {"reason": "客户不需要了"}),
    Row("credit-line-review", POST, "line_active", "403 | 403 404 404 | 200 200 404 | 200 | 403 | 403", {"passed": True}),
    Row("village-batch-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("village-batch-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"township": "城关镇", "village": "{village}", "scores": "{batch_scores}"}),
    Row("village-batch-detail", GET, "batch_open", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("village-batch-publish", POST, "batch_draft", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {}),
    Row("village-batch-make-effective", POST, "batch_closed", "403 | 403 404 404 | 200 200 404 | 200 | 403 | 403", {}),
    Row("batch-entry-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("batch-entry-detail", GET, "entry", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("batch-entry-object", POST, "entry", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"objection": "家庭收入有误"}),
    Row("batch-entry-resolve", POST, "entry_objected", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"upheld": False, "resolution": "已核实"}),
    # --- API: loans ---
    Row("loan-product-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("loan-product-detail", GET, "product", "403 | 200 | 200 | 200 | 200 | 200"),
    Row("application-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("application-list", POST, "customer", "403 | 201 400 400 | 403 403 400 | 403 | 403 | 403", APPLICATION),
    Row("application-detail", GET, "app_pending", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("application-detail", PATCH, "app_draft", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"purpose": "购买仔猪"}),
    Row("application-detail", PUT, "app_draft", "403 | 405 | 405 | 405 | 403 | 405", {}),
    Row("application-start-investigation", POST, "app_draft", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"second_investigator": "{second}"}),
    Row("application-investigation", GET, "app_investigating", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("application-investigation", PUT, "app_investigating", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"report": "补充调查"}),
    Row("application-confirm-investigation", POST, "app_investigating", "403 | 400 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    Row("application-documents", POST, "app_draft", "403 | 201 404 404 | 403 403 404 | 403 | 403 | 403", {"kind": "applicant_id", "file": "{pdf}"}),
    Row("application-submit", POST, "app_investigated", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    Row("application-withdraw", POST, "app_draft", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"reason": "客户不需要了"}),
    Row("application-approve", POST, "app_pending", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 403", {"opinion": "同意"}),
    Row("application-reject", POST, "app_pending", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 403", {"opinion": "不同意"}),
    Row("application-return-", POST, "app_pending", "403 | 403 404 404 | 200 200 404 | 400 | 403 | 403", {"opinion": "补充材料"}),
    Row("application-return-", POST, "app_referred", "403 | 403 404 404 | 400 400 404 | 200 | 403 | 403", {"opinion": "补充材料"}),
    Row("application-refer", POST, "app_pending", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 403", {"opinion": "提交审贷会"}),
    Row("application-vote", POST, "app_referred", "403 | 403 404 404 | 403 403 404 | 201 | 403 | 403", {"vote": "approve"}),
    Row("application-sign-contract", POST, "app_approved", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"day": "{today}"}),
    Row("document-download", GET, "document", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    # --- API: postloan ---
    Row("application-disbursement-disburse", POST, "app_signed", "403 | 201 404 404 | 403 403 404 | 403 | 403 | 403", {"day": "{today}"}),
    Row("loan-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("loan-detail", GET, "loan", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loan-repayments", GET, "loan", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("loan-repayments", POST, "loan", "403 | 201 404 404 | 403 403 404 | 403 | 403 | 403", {"amount": "1000.00", "paid_on": "{today}"}),
    Row("loan-write-off", POST, "loan", "403 | 403 404 404 | 403 403 404 | 200 | 403 | 403", {"reason": "核销"}),
    Row("inspection-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("inspection-list", POST, "loan", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", {"loan": "{pk}", "surprise": True}),
    Row("inspection-detail", GET, "inspection_draft", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("inspection-detail", PATCH, "inspection_draft", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {"findings": "走访"}),
    Row("inspection-submit", POST, "inspection_draft", "403 | 200 404 404 | 403 403 404 | 403 | 403 | 403", {}),
    Row("loan-classification", POST, "loan", "403 | 201 404 404 | 201 201 404 | 403 | 403 | 403", {"category": "loss", "reason": "停产"}),
    Row("loan-restructure", POST, "loan", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 403", {"kind": "refinanced", "observation_until": "2060-12-31"}),
    Row("classification-proposal-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("classification-proposal-detail", GET, "class_proposal", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("classification-proposal-decide", POST, "class_proposal", "403 | 403 404 404 | 200 200 404 | 403 | 403 | 403", {"approve": True, "opinion": "同意"}),
    # --- guarantees (web) ---
    Row("guarantees:guarantors", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantees:collateral_list", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantees:groups", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantees:group_new", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantees:circles", GET, None, "302 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantees:application", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:guarantor_add", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:guarantor_add", POST, "app_pending", "302 | 302 404 404 | 200 200 404 | 403 | 403 | 403", GUARANTOR_FORM),
    Row("guarantees:pledge_add", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:group_guarantee", GET, "app_pending", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:guarantee_withdraw", POST, "guarantee", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("guarantees:guarantee_end", GET, "guarantee", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:pledge_withdraw", POST, "pledge", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("guarantees:pledge_waive", GET, "pledge", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:guarantor", GET, "guarantor", "302 | 200 200 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:guarantor_assess", GET, "guarantor", "302 | 200 200 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:collateral", GET, "collateral", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:collateral_register", GET, "collateral", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:custody_move", GET, "collateral", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:collateral_release", POST, "collateral", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    Row("guarantees:group", GET, "group", "302 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantees:group_join", POST, "group", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {"customer": "{customer}"}),
    Row("guarantees:group_leave", POST, "group_member", "302 | 302 404 404 | 302 302 404 | 403 | 403 | 403", {}),
    # --- API: guarantees ---
    Row("collateral-kind-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("collateral-kind-detail", GET, "collateral_kind", "403 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantee-policy-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantee-policy-detail", GET, "guarantee_policy", "403 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantor-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantor-list", POST, None, "403 | 201 | 201 | 403 | 403 | 403", {"party_type": "person", "name": "新保证人", "id_number": "{new_id}"}),
    Row("guarantor-detail", GET, "guarantor", "403 | 200 200 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantor-detail", PUT, "guarantor", "403 | 405 | 405 | 405 | 403 | 405", {}),
    Row("guarantor-detail", PATCH, "guarantor", "403 | 200 200 404 | 200 200 404 | 403 | 403 | 403", {"net_assets": "300000"}),
    Row("guarantee-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("guarantee-list", POST, "app_pending", "403 | 400 400 400 | 400 400 400 | 403 | 403 | 403", {"application": "{pk}", "amount": "50000", "relationship": "friend", "willingness": "strong"}),
    Row("guarantee-detail", GET, "guarantee", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("guarantee-withdraw", POST, "guarantee", "403 | 200 404 404 | 400 400 404 | 403 | 403 | 403", {}),
    Row("guarantee-end", POST, "guarantee", "403 | 403 404 404 | 400 400 404 | 400 | 403 | 403", {"reason": "换保"}),
    Row("guarantee-structure", GET, "app_pending", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("collateral-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("collateral-list", POST, "customer", "403 | 201 400 400 | 201 201 400 | 403 | 403 | 403", COLLATERAL),
    Row("collateral-detail", GET, "collateral", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("collateral-detail", PATCH, "collateral", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"insurer": "人保财险"}),
    Row("collateral-detail", PUT, "collateral", "403 | 405 | 405 | 405 | 403 | 405", {}),
    Row("collateral-register", POST, "collateral", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"certificate_number": "他项第1号", "registry": "不动产登记中心", "registered_on": "{today}"}),
    Row("collateral-custody", POST, "collateral", "403 | 200 404 404 | 200 200 404 | 403 | 403 | 403", {"to": "in_vault"}),
    Row("collateral-release", POST, "collateral", "403 | 400 404 404 | 400 400 404 | 403 | 403 | 403", {}),
    Row("pledge-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("pledge-list", POST, "app_pending", "403 | 400 400 400 | 400 400 400 | 403 | 403 | 403", {"application": "{pk}", "amount_secured": "1000"}),
    Row("pledge-detail", GET, "pledge", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("pledge-withdraw", POST, "pledge", "403 | 200 404 404 | 400 400 404 | 403 | 403 | 403", {}),
    Row("pledge-waive", POST, "pledge", "403 | 403 404 404 | 200 200 404 | 200 | 403 | 403", {"reason": "先放款后登记"}),
    Row("joint-group-list", GET, None, "403 | 200 | 200 | 200 | 200 | 200"),
    Row("joint-group-list", POST, None, "403 | 400 | 400 | 403 | 403 | 403", {"name": "新联保小组", "ceiling": "100000", "members": "{customer}"}),
    Row("joint-group-detail", GET, "group", "403 | 200 404 404 | 200 200 404 | 200 | 200 | 200"),
    Row("joint-group-join", POST, "group", "403 | 400 404 404 | 400 400 404 | 403 | 403 | 403", {"customer": "{customer}"}),
    Row("joint-group-leave", POST, "group", "403 | 400 404 404 | 400 400 404 | 403 | 403 | 403", {"member": "0"}),
    Row("joint-group-guarantee", POST, "group", "403 | 400 404 404 | 400 400 404 | 403 | 403 | 403", {}),
]
# fmt: on
