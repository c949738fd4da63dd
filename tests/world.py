"""A small bank with a record of every kind in three scopes, built through the services.

The access matrix (``tests/test_access_matrix.py``) and the schemathesis run
(``tests/test_schemathesis.py``) ask the same question of every URL: who gets through? They
need one record of each kind, in the state where each action applies, for

- ``own``: a customer of 李客户经理 (``manager``, 城关支行 B01);
- ``branch``: a customer of 王客户经理 (``manager2``, 东街分理处 B01-1, under B01): the same
  branch head, another manager;
- ``other``: a customer of 赵客户经理 (``other_manager``, 河口支行 B02).

Second investigators are two extra managers (one per branch), so that the acting ``manager``
never reads another scope's application by being its second investigator.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from creditdesk import demo
from creditdesk.models import AuthorityLimit, Branch, Notification, Role, User
from creditdesk.notifications import notify
from customers import exports as customer_exports
from customers.models import (
    BatchEntry,
    Contact,
    CreditLine,
    CreditRating,
    Customer,
    CustomerExport,
    CustomerType,
    FinancialSnapshot,
    HouseholdMember,
    ProductHolding,
    Scorecard,
    VillageBatch,
)
from customers.services import contacts, credit, household, marketing, villages
from guarantees.models import (
    Collateral,
    CollateralKind,
    Guarantee,
    GuaranteePolicy,
    Guarantor,
    JointGroup,
    JointGroupMember,
    Pledge,
)
from guarantees.services import collateral as guarantee_collateral
from guarantees.services import groups as guarantee_groups
from guarantees.services import parties as guarantee_parties
from loans import services as loans
from loans.models import Document, LoanApplication, LoanProduct
from loans.schedules import RepaymentMethod
from postloan import services as postloan
from postloan.models import ClassificationProposal, Inspection, InspectionPhoto, Loan
from tests.factories import CustomerFactory, UserFactory, make_id_number

SCOPES = ("own", "branch", "other")
#: Who acts in each role (usernames of the demo bank).
ACTORS = {
    "manager": "manager1",
    "head": "head1",
    "committee": "committee1",
    "auditor": "auditor",
    "admin": "admin",
}
#: Whose records make each scope, and the head who approves them.
OWNERS = {
    "own": ("manager1", "head1"),
    "branch": ("manager2", "head1"),
    "other": ("manager3", "head2"),
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

FINDINGS = {
    "visit_date": datetime.date(2026, 1, 5),
    "character": "good",
    "character_evidence": "村里口碑好，无不良记录",
    "product_quality": "good",
    "product_evidence": "养殖场存栏 300 头，销路稳定",
    "collateral": "good",
    "collateral_evidence": "自建房一套",
    "observe_notes": "谈吐实在",
    "hear_sources": "村支书、邻居、饲料供应商",
    "hear_cross_checked": True,
    "ask_production_sales": "answered",
    "ask_receivables_payables": "answered",
    "ask_upstream_downstream": "answered",
    "ask_wages": "answered",
    "ask_water_power": "answered",
    "annual_sales": Decimal("600000.00"),
    "own_funds": Decimal("50000.00"),
    "crit_morality": "good",
    "crit_repayment": "good",
    "crit_capital": "fair",
    "crit_environment": "good",
    "crit_guarantee": "fair",
    "report": "经调查，借款人经营正常，建议发放。",
}


@dataclass
class Records:
    """One record of each kind in one scope, each in the state where its actions apply."""

    owner: User
    customer: Customer
    customer_rated: Customer  # rated, no credit line: a line may be proposed
    second: User  # the second investigator of the scope's applications
    member: HouseholdMember
    snapshot: FinancialSnapshot
    contact: Contact
    holding: ProductHolding
    rating: CreditRating
    line_active: CreditLine
    line_pending: CreditLine
    batch_draft: VillageBatch
    batch_open: VillageBatch  # published, objections still taken
    batch_closed: VillageBatch  # published, objection window over: ready to make effective
    entry: BatchEntry  # of batch_open, no objection
    entry_objected: BatchEntry  # of batch_open, objection awaiting resolution
    app_draft: LoanApplication
    app_investigating: LoanApplication  # findings recorded, not confirmed
    app_investigated: LoanApplication  # confirmed, documents complete: ready to submit
    app_pending: LoanApplication  # submitted, within the head's authority
    app_referred: LoanApplication  # referred to the committee
    app_approved: LoanApplication
    app_signed: LoanApplication
    loan: Loan
    document: Document
    # guarantees: on app_pending, a proposed guarantee and an unregistered mortgage; a group
    guarantor: Guarantor | None = None
    guarantee: Guarantee | None = None
    collateral: Collateral | None = None
    pledge: Pledge | None = None
    group: JointGroup | None = None
    group_member: JointGroupMember | None = None  # guarantees nothing: may leave
    # post-loan inspections of ``loan``: one submitted, then a draft with a photo
    inspection_done: Inspection | None = None
    inspection_draft: Inspection | None = None
    photo: InspectionPhoto | None = None
    # an upgrade of ``loan`` waiting for the head: the owner moved it to substandard (applied
    # at once), then proposed special mention back (pending)
    class_proposal: ClassificationProposal | None = None
    notice: Notification | None = None  # the owner's open notice about app_approved
    export: CustomerExport | None = None  # the owner's finished customer export (file kept)


@dataclass
class World:
    users: dict[str, User]  # role → the acting user (ACTORS)
    scopes: dict[str, Records]  # scope → its records
    refs: dict[str, object]  # bank-wide reference records: product, scorecard, authority limit


def _scores(customer_type: str, score: int) -> dict:
    card = Scorecard.objects.get(customer_type=customer_type)
    return {f.pk: Decimal(score) for f in card.factors.all()}


def _household(owner: User, village: str, n: int) -> Customer:
    return CustomerFactory(
        manager=owner,
        name=f"{owner.name[:1]}{village}{n}户",
        customer_type=CustomerType.FARM_HOUSEHOLD,
        township="城关镇",
        village=village,
        status="active",
    )


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")


def _application(customer: Customer, product: LoanProduct, owner: User) -> LoanApplication:
    return loans.application_create(
        created_by=owner,
        customer=customer,
        product=product,
        amount=Decimal("100000.00"),
        term_months=12,
        purpose="购买饲料",
        repayment_method=RepaymentMethod.EQUAL_INSTALMENT,
        proposed_rate=Decimal("6.5"),
        first_repayment_source="生猪销售收入",
        second_repayment_source="务工收入",
        production_cycle_months=6,
    )


def _investigated(app: LoanApplication, owner: User, second: User, *, confirm: bool = True):
    loans.application_start_investigation(application=app, user=owner, second_investigator=second)
    loans.investigation_update(application=app, user=owner, data=dict(FINDINGS))
    if confirm:
        loans.investigation_confirm(application=app, user=second)
        for kind in app.product.document_checklist(app.customer.customer_type):
            loans.document_upload(application=app, user=owner, kind=kind, upload=_pdf())
    app.refresh_from_db()
    return app


def _records(owner: User, head: User, second: User, product: LoanProduct, tag: str) -> Records:
    today = timezone.localdate()
    customer = _household(owner, f"{tag}本村", 0)
    member = household.member_add(
        customer=customer,
        by=owner,
        values={
            "name": "王秀英",
            "relation": "spouse",
            "id_number": make_id_number(len(tag), birth=datetime.date(1982, 6, 5)),
        },
    )
    snapshot = household.snapshot_record(
        customer=customer,
        by=owner,
        values={
            "as_of": datetime.date(2025, 12, 31),
            "revenue": Decimal("100000"),
            "net_profit": Decimal("12000"),
            "total_assets": Decimal("200000"),
            "total_liabilities": Decimal("50000"),
        },
    )
    contact = contacts.contact_log(
        customer=customer,
        by=owner,
        values={"kind": "visit", "occurred_on": today, "purpose": "春耕", "follow_up_on": today},
    )
    (holding,) = marketing.products_set(customer=customer, by=owner, products=["deposit"])
    rating = credit.rating_record(
        customer=customer, scores=_scores(customer.customer_type, 95), rated_by=owner, on=today
    )
    customer_rated = _household(owner, f"{tag}本村", 99)
    credit.rating_record(
        customer=customer_rated,
        scores=_scores(customer.customer_type, 95),
        rated_by=owner,
        on=today,
    )
    line_active = credit.credit_line_propose(
        customer=customer, amount=Decimal("50000"), proposed_by=owner
    )
    line_active = credit.credit_line_approve(line=line_active, approver=head)
    line_pending = credit.credit_line_propose(
        customer=customer, amount=Decimal("30000"), proposed_by=owner
    )

    def batch(village: str, households: int, *, on: datetime.date) -> VillageBatch:
        people = [_household(owner, village, n) for n in range(1, households + 1)]
        place = villages.credit_village_open(township="城关镇", name=village, opened_by=owner)
        return villages.village_batch_rate(
            village=place,
            scores={c.pk: _scores(c.customer_type, 90) for c in people},
            rated_by=owner,
            on=on,
        )

    batch_draft = batch(f"{tag}草稿村", 1, on=today)
    batch_open = villages.village_batch_publish(
        batch=batch(f"{tag}公示村", 2, on=today), published_by=owner, on=today
    )
    entry, entry_objected = batch_open.entries.order_by("pk")
    villages.village_batch_object(entry=entry_objected, objection="收入有误", recorded_by=owner)
    ten_days_ago = today - datetime.timedelta(days=10)
    batch_closed = villages.village_batch_publish(
        batch=batch(f"{tag}期满村", 1, on=ten_days_ago), published_by=owner, on=ten_days_ago
    )

    app_draft = _application(customer, product, owner)
    app_investigating = _investigated(
        _application(customer, product, owner), owner, second, confirm=False
    )
    app_investigated = _investigated(_application(customer, product, owner), owner, second)

    def submitted() -> LoanApplication:
        app = _investigated(_application(customer, product, owner), owner, second)
        loans.application_submit(application=app, user=owner)
        return app

    app_pending = submitted()
    app_referred = submitted()
    loans.application_refer(application=app_referred, reviewer=head, opinion="超出权限")
    app_approved = submitted()
    loans.application_approve(application=app_approved, approver=head, opinion="同意")
    app_signed = submitted()
    loans.application_approve(application=app_signed, approver=head, opinion="同意")
    loans.application_sign_contract(application=app_signed, user=owner, signed_on=today)
    app_disbursed = submitted()
    loans.application_approve(application=app_disbursed, approver=head, opinion="同意")
    loans.application_sign_contract(application=app_disbursed, user=owner, signed_on=today)
    loan = postloan.loan_open(application=app_disbursed, by=owner, day=today)
    for app in (app_pending, app_referred, app_approved, app_signed):
        app.refresh_from_db()
    notify(owner, kind="loans.approved", target=app_approved)
    notice = Notification.objects.open().get(
        recipient=owner, key=f"loans.approved:loans.loanapplication:{app_approved.pk}"
    )
    return Records(
        owner=owner,
        customer=customer,
        customer_rated=customer_rated,
        second=second,
        member=member,
        snapshot=snapshot,
        contact=contact,
        holding=holding,
        rating=rating,
        line_active=line_active,
        line_pending=line_pending,
        batch_draft=batch_draft,
        batch_open=batch_open,
        batch_closed=batch_closed,
        entry=entry,
        entry_objected=entry_objected,
        app_draft=app_draft,
        app_investigating=app_investigating,
        app_investigated=app_investigated,
        app_pending=app_pending,
        app_referred=app_referred,
        app_approved=app_approved,
        app_signed=app_signed,
        loan=loan,
        document=app_pending.documents.order_by("pk").first(),
        notice=notice,
        export=customer_exports.run(customer_exports.export_start(user=owner, query="").pk),
        **_guarantee_records(owner, customer, customer_rated, app_pending, tag),
        **_inspection_records(owner, loan),
        class_proposal=_class_proposal(owner, loan),
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
INSPECTED = {
    "funds_use": "as_agreed",
    "business_condition": "good",
    "guarantor_condition": "n_a",
    "collateral_condition": "n_a",
}


def _jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", JPEG, content_type="image/jpeg")


def _class_proposal(owner: User, loan: Loan) -> ClassificationProposal:
    postloan.classification_propose(loan=loan, by=owner, category="substandard", reason="停产")
    return postloan.classification_propose(
        loan=loan, by=owner, category="special_mention", reason="已复产"
    )


def _inspection_records(owner: User, loan: Loan) -> dict:
    done = postloan.inspection_start(loan=loan, by=owner)
    postloan.inspection_save_draft(inspection=done, by=owner, values=dict(INSPECTED))
    postloan.inspection_submit(inspection=done, by=owner)
    draft = postloan.inspection_start(loan=loan, by=owner, surprise=True)
    # Filled in, not submitted: submitting it is valid (the answer comes from the gate).
    postloan.inspection_save_draft(inspection=draft, by=owner, values=dict(INSPECTED))
    photo = postloan.inspection_add_photo(inspection=draft, by=owner, upload=_jpeg())
    return {"inspection_done": done, "inspection_draft": draft, "photo": photo}


def _guarantee_records(owner, customer, customer_rated, application, tag: str) -> dict:
    guarantee = guarantee_parties.guarantee_propose(
        application=application,
        by=owner,
        party={
            "party_type": "person",
            "name": f"{tag}保证人",
            "id_number": make_id_number(600 + len(tag)),
            "net_assets": Decimal("200000"),
        },
        amount=Decimal("50000"),
        relationship="friend",
        willingness="strong",
    )
    collateral = guarantee_collateral.collateral_add(
        customer=customer,
        by=owner,
        values={
            "kind": CollateralKind.objects.get(code="residential"),
            "description": "自建房",
            "appraised_value": Decimal("200000"),
            "appraiser": "评估所",
            "appraised_on": timezone.localdate(),
        },
    )
    pledge = guarantee_collateral.pledge_propose(
        application=application, collateral=collateral, by=owner, amount_secured=Decimal("50000")
    )
    members = [customer, customer_rated] + [_household(owner, f"{tag}联保村", n) for n in (1, 2)]
    group = guarantee_groups.group_form(
        by=owner, name=f"{tag}联保小组", ceiling=Decimal("500000"), members=members
    )
    return {
        "guarantor": guarantee.guarantor,
        "guarantee": guarantee,
        "collateral": collateral,
        "pledge": pledge,
        "group": group,
        "group_member": group.members.get(customer=members[-1]),
    }


def build_world() -> World:
    """The demo organisation and the records of the three scopes (about two seconds)."""
    demo.seed()
    users = {role: User.objects.get(username=name) for role, name in ACTORS.items()}
    branches = {b.code: b for b in Branch.objects.all()}
    seconds = {
        "B01": UserFactory(username="helper_b01", role=Role.MANAGER, branch=branches["B01"]),
        "B02": UserFactory(username="helper_b02", role=Role.MANAGER, branch=branches["B02"]),
    }
    product = LoanProduct.objects.create(
        code="MATRIX",
        name="农户小额信用贷款",
        customer_types=["farm_household", "individual_business"],
        min_amount=Decimal("10000"),
        max_amount=Decimal("2000000"),
        max_term_months=36,
        min_rate=Decimal("3.0"),
        max_rate=Decimal("12.0"),
        repayment_methods=list(RepaymentMethod.values),
        guarantee_kinds=["credit"],
    )
    scopes = {}
    for scope, (owner_name, head_name) in OWNERS.items():
        owner = User.objects.select_related("branch").get(username=owner_name)
        head = User.objects.get(username=head_name)
        second = seconds["B02" if owner.branch.path.startswith(branches["B02"].path) else "B01"]
        scopes[scope] = _records(owner, head, second, product, tag=scope)
    refs = {
        "product": product,
        "scorecard": Scorecard.objects.get(customer_type=CustomerType.FARM_HOUSEHOLD),
        "authority_limit": AuthorityLimit.objects.order_by("pk").first(),
        "collateral_kind": CollateralKind.objects.get(code="residential"),
        "guarantee_policy": GuaranteePolicy.current(),
    }
    return World(users=users, scopes=scopes, refs=refs)


@contextmanager
def world_in_rollback(django_db_blocker, media_root) -> Iterator[tuple[World, dict]]:
    """The world, built once in a transaction rolled back at the end, with a signed-in test
    client per role (and one anonymous): for module-scoped fixtures of tests that send many
    requests, each in a savepoint of its own (:func:`in_savepoint`).

    The module using it must be marked ``django_db``: pytest-django creates the test database
    only for sessions that have such tests."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    files = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with (
        override_settings(
            MEDIA_ROOT=media_root,
            STORAGES={**settings.STORAGES, "default": files},
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        name = str(connection.settings_dict["NAME"])
        test_names = ("test", os.environ.get("TEST_DATABASE_NAME") or "test")
        assert "memory" in name or name.startswith(test_names), (
            f"the world is built in the test database only, not in {name}"
        )
        built = build_world()
        clients = {"anonymous": Client()}
        for role, user in built.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        yield built, clients
        transaction.set_rollback(True)
