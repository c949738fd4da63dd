"""Who may change what: the role × action table of every write CreditDesk offers.

This is data, read three ways: services enforce it (``creditdesk.access.require_role``),
``docs/roles.md`` is generated from it (:func:`markdown`; a test holds the two equal), and
each app's ``tests/test_roles.py`` walks its rows, calling the service as every role.

A role not listed on a row is refused (403). A listed role may act within its scope — the
condition written beside it, checked by the service with ``require_in_scope`` and the bank's
rules (four eyes, authority, the handling manager). Auditors are on no row: they read
everything and change nothing. Administrators manage reference data and staff, not
customer files, applications or loans.
"""

from __future__ import annotations

from typing import NamedTuple

from creditdesk.roles import Role

M, H, C, A = Role.MANAGER, Role.BRANCH_HEAD, Role.COMMITTEE, Role.ADMIN

OWN = "own customers"
BRANCH = "branch and its outlets"
BANK = "whole bank"
HANDLING = "applications they handle (created, or manage the customer)"


class Rule(NamedTuple):
    action: str  # "<app>.<action>": what services pass to require_role
    what: str  # the write, in the bank's words (English; the doc is English)
    allowed: dict[str, str]  # role → the scope condition; a role not listed is refused
    services: tuple[str, ...]  # where the rule is enforced


TABLE: tuple[Rule, ...] = (
    # --- customers: the file, the household, contacts, marketing ---
    Rule(
        "customers.create",
        "Open a customer file (建档), by hand or by Excel import",
        {M: "filed under themself", H: "for a manager of their branch and its outlets"},
        ("customers.services.customers.customer_create",),
    ),
    Rule(
        "customers.edit",
        "Edit a customer file",
        {M: OWN, H: BRANCH},
        ("customers.services.customers.customer_update",),
    ),
    Rule(
        "customers.household",
        "Add, edit or remove household members (家庭成员)",
        {M: OWN, H: BRANCH},
        (
            "customers.services.household.member_add",
            "customers.services.household.member_update",
            "customers.services.household.member_remove",
        ),
    ),
    Rule(
        "customers.snapshot",
        "Record or delete a financial snapshot",
        {M: OWN, H: BRANCH},
        (
            "customers.services.household.snapshot_record",
            "customers.services.household.snapshot_delete",
        ),
    ),
    Rule(
        "customers.contact",
        "Log, edit, close or delete a contact, meal or gift (接触记录)",
        {M: OWN, H: BRANCH},
        (
            "customers.services.contacts.contact_log",
            "customers.services.contacts.contact_update",
            "customers.services.contacts.contact_follow_up_done",
            "customers.services.contacts.contact_delete",
        ),
    ),
    Rule(
        "customers.marketing",
        "Move the marketing stage; set the products held",
        {M: OWN, H: BRANCH},
        (
            "customers.services.marketing.customer_move_stage",
            "customers.services.marketing.products_set",
        ),
    ),
    Rule(
        "customers.reassign",
        "Reassign customers to another manager (移交)",
        {H: "to a manager of their branch and its outlets", A: BANK + " (staff changes)"},
        ("customers.services.customers.customers_reassign",),
    ),
    # --- customers: rating and credit ---
    Rule(
        "customers.rate",
        "Record a credit rating (信用评级)",
        {M: OWN, H: BRANCH},
        ("customers.services.credit.rating_record",),
    ),
    Rule(
        "customers.line_propose",
        "Propose a credit line (授信)",
        {M: OWN, H: BRANCH},
        ("customers.services.credit.credit_line_propose",),
    ),
    Rule(
        "customers.line_approve",
        "Approve a credit line",
        {
            H: BRANCH + ", within authority, not their own customer or proposal",
            C: BANK + ", within authority, not their own proposal",
        },
        ("customers.services.credit.credit_line_approve",),
    ),
    Rule(
        "customers.line_revoke",
        "Withdraw a proposed line or revoke an active one",
        {M: OWN + ", proposals only", H: BRANCH, C: BANK},
        ("customers.services.credit.credit_line_revoke",),
    ),
    Rule(
        "customers.line_review",
        "Annual review of an active line (年审)",
        {H: BRANCH, C: BANK},
        ("customers.services.credit.credit_line_review",),
    ),
    Rule(
        "customers.village_batch",
        "Village batch (整村评级授信): open the village, rate, publish, record and resolve "
        "objections",
        {M: OWN + " (the households rated)", H: BRANCH},
        (
            "customers.services.villages.credit_village_open",
            "customers.services.villages.village_batch_start",
            "customers.services.villages.village_batch_rate",
            "customers.services.villages.village_batch_publish",
            "customers.services.villages.village_batch_object",
            "customers.services.villages.village_batch_resolve",
        ),
    ),
    Rule(
        "customers.village_batch_effective",
        "Put a village batch in force (loan cards numbered)",
        {
            H: BRANCH + ", within authority, not their own batch",
            C: BANK + ", within authority, not their own batch",
        },
        ("customers.services.villages.village_batch_make_effective",),
    ),
    # --- loans: origination ---
    Rule(
        "loans.create",
        "Create a loan application",
        {M: OWN},
        ("loans.services.applications.application_create",),
    ),
    Rule(
        "loans.edit",
        "Edit, start the investigation, submit or withdraw an application",
        {M: HANDLING},
        (
            "loans.services.applications.application_update",
            "loans.services.investigation.application_start_investigation",
            "loans.services.applications.application_submit",
            "loans.services.applications.application_withdraw",
        ),
    ),
    Rule(
        "loans.investigate",
        "Record the investigation (lead) or confirm it (second investigator)",
        {M: "the application's investigators"},
        (
            "loans.services.investigation.investigation_update",
            "loans.services.investigation.investigation_confirm",
        ),
    ),
    Rule(
        "loans.documents",
        "Upload a document to the credit file, or attach one the bank already holds",
        {M: HANDLING + " or investigate; only while draft, investigating or returned"},
        (
            "loans.services.documents.document_upload",
            "loans.services.documents.document_attach_held",
        ),
    ),
    Rule(
        "loans.return",
        "Return an application to the manager",
        {H: BRANCH + ", submitted, four eyes", C: BANK + ", referred, four eyes"},
        ("loans.services.approval.application_return",),
    ),
    Rule(
        "loans.decide",
        "Approve, reject or refer an application to the committee",
        {H: BRANCH + ", submitted, within authority, four eyes"},
        (
            "loans.services.approval.application_approve",
            "loans.services.approval.application_reject",
            "loans.services.approval.application_refer",
        ),
    ),
    Rule(
        "loans.vote",
        "Vote on a referred application (审贷会)",
        {C: BANK + ", once each, four eyes"},
        ("loans.services.approval.committee_vote",),
    ),
    Rule(
        "loans.sign_contract",
        "Sign the contract",
        {M: HANDLING},
        ("loans.services.contracts.application_sign_contract",),
    ),
    # --- postloan ---
    Rule(
        "postloan.disburse",
        "Disburse: open the loan account (放款)",
        {M: HANDLING},
        ("postloan.services.disbursement.loan_open",),
    ),
    Rule(
        "postloan.repayment",
        "Record a repayment",
        {M: "the loan's manager"},
        ("postloan.services.repayments.loan_record_repayment",),
    ),
    Rule(
        "postloan.inspect",
        "Post-loan inspection (贷后检查): start, fill in, add photos, submit",
        {M: "the loan's manager", H: BRANCH},
        (
            "postloan.services.inspections.inspection_start",
            "postloan.services.inspections.inspection_save_draft",
            "postloan.services.inspections.inspection_add_photo",
            "postloan.services.inspections.inspection_remove_photo",
            "postloan.services.inspections.inspection_submit",
        ),
    ),
    Rule(
        "postloan.write_off",
        "Write off a loan (核销)",
        {C: BANK},
        ("postloan.services.repayments.loan_write_off",),
    ),
    Rule(
        "postloan.classify",
        "Propose a loan's five-category classification (五级分类): a worse one applies at once",
        {M: "the loans they manage", H: BRANCH},
        ("postloan.services.classification.classification_propose",),
    ),
    Rule(
        "postloan.classify_decide",
        "Approve or reject an upgrade of a loan's classification (not one's own proposal)",
        {H: BRANCH},
        ("postloan.services.classification.classification_decide",),
    ),
    Rule(
        "postloan.restructure",
        "Mark a loan restructured or refinanced (重组 / 借新还旧) with its observation period",
        {H: BRANCH},
        ("postloan.services.classification.loan_mark_restructured",),
    ),
    Rule(
        "postloan.run_nightly",
        "Start the nightly job (夜间批处理) for today from the admin site",
        {A: BANK},
        ("postloan.services.nightly.nightly_request",),
    ),
    # --- reference data ---
    Rule(
        "creditdesk.reference_data",
        "Reference data and staff in the admin site: products, scorecards, grade bands, "
        "farm tiers, credit villages, the authority table, branches, staff",
        {A: BANK},
        ("the admin site (staff status: administrators only)",),
    ),
)

RULES: dict[str, Rule] = {rule.action: rule for rule in TABLE}

#: The roles in the order of the doc's columns.
COLUMNS = (Role.MANAGER, Role.BRANCH_HEAD, Role.COMMITTEE, Role.AUDITOR, Role.ADMIN)
HEADINGS = {
    Role.MANAGER: "manager",
    Role.BRANCH_HEAD: "branch head",
    Role.COMMITTEE: "committee member",
    Role.AUDITOR: "auditor",
    Role.ADMIN: "administrator",
}


def allowed_roles(action: str) -> frozenset[str]:
    """The roles that may do ``action`` (KeyError for an action not in the table)."""
    return frozenset(RULES[action].allowed)


def markdown() -> str:
    """The table as docs/roles.md shows it."""
    head = ["action", *(HEADINGS[role] for role in COLUMNS), "enforced in"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rule in TABLE:
        cells = [f"{rule.what} (`{rule.action}`)"]
        for role in COLUMNS:
            scope = rule.allowed.get(role)
            cells.append(f"allowed: {scope}" if scope else "refused")
        cells.append("<br>".join(f"`{name}`" for name in rule.services))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
