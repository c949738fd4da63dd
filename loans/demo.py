"""Demo data of loans, loaded by `manage.py seed_demo` after the organisation and customers:
the five products, applications in every state with their investigations, and the contracts
signed months ago that post-loan's demo (``postloan.demo``, run after this one) disburses and
repays. Everything goes through the services and the audited path. Idempotent: the
applications are made once, the products kept up to date."""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from creditdesk.history import audited_save
from creditdesk.models import User
from customers.models import Customer, CustomerStatus, CustomerType, FarmTier, Scorecard
from customers.services import credit, household
from guarantees import demo as guarantees_demo
from loans import services
from loans.models import LoanApplication, LoanProduct
from loans.reasons import LoansReason
from loans.schedules import RepaymentMethod, add_months

M = RepaymentMethod


@contextlib.contextmanager
def _as_of(day: datetime.date):
    """Run the services as if it were ten o'clock on ``day``: they read the clock through
    ``django.utils.timezone``, so demo history gets its real dates (demo data only)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


PERSONS = [CustomerType.FARM_HOUSEHOLD, CustomerType.INDIVIDUAL_BUSINESS]
ALL_TYPES = [t.value for t in CustomerType]

PRODUCTS = [
    # code, name, customer types, min, max, max term, min rate, max rate, methods, guarantees,
    # extra documents, needs rating, needs credit line
    (
        "FARM-CREDIT",
        "农户小额信用贷款",
        [CustomerType.FARM_HOUSEHOLD],
        "5000",
        "300000",
        36,
        "4.0",
        "8.0",
        [M.EQUAL_INSTALMENT, M.EQUAL_PRINCIPAL, M.INTEREST_MONTHLY, M.BULLET],
        ["credit"],
        [],
        True,  # the loan card (贷款证): a valid rating and a line, drawn at disbursement
        True,
    ),
    (
        "FARM-JOINT",
        "农户联保贷款",
        [CustomerType.FARM_HOUSEHOLD],
        "10000",
        "500000",
        36,
        "4.5",
        "9.0",
        [M.EQUAL_INSTALMENT, M.INTEREST_MONTHLY],
        ["joint_guarantee"],
        [],
        False,
        False,
    ),
    (
        "IB-WC",
        "个体工商户经营流动资金贷款",
        [CustomerType.INDIVIDUAL_BUSINESS],
        "10000",
        "1000000",
        24,
        "4.5",
        "10.0",
        [M.EQUAL_INSTALMENT, M.INTEREST_MONTHLY, M.BULLET],
        ["guarantee", "mortgage"],
        [],
        False,
        False,
    ),
    (
        "MORTGAGE",
        "个人抵押贷款",
        PERSONS,
        "50000",
        "3000000",
        120,
        "3.8",
        "7.0",
        [M.EQUAL_INSTALMENT, M.EQUAL_PRINCIPAL],
        ["mortgage"],
        ["property_certificate"],
        False,
        False,
    ),
    (
        "SME-WC",
        "小微企业流动资金贷款",
        [CustomerType.SMALL_MICRO, CustomerType.PRIVATE_ENTERPRISE],
        "100000",
        "5000000",
        36,
        "4.0",
        "9.0",
        [M.INTEREST_MONTHLY, M.EQUAL_INSTALMENT],
        ["guarantee", "mortgage"],
        [],
        False,
        False,
    ),
]

FINDINGS = {
    "visit_date": None,
    "character": "good",
    "character_evidence": "村委与邻里评价好，征信无不良记录，按时缴纳水电费。",
    "product_quality": "good",
    "product_evidence": "经营多年，销路稳定，有固定收购商。",
    "collateral": "good",
    "collateral_evidence": "自建房一套，已核实产权。",
    "observe_notes": "谈吐实在，家中整洁，账本记得清楚。",
    "hear_sources": "村支书、邻居、上游供应商",
    "hear_cross_checked": True,
    "ask_production_sales": "answered",
    "ask_receivables_payables": "answered",
    "ask_upstream_downstream": "answered",
    "ask_wages": "answered",
    "ask_water_power": "answered",
    "ask_notes": "年销售约六十万元，应收账款少，雇工两人。",
    "annual_sales": Decimal("600000.00"),
    "own_funds": Decimal("80000.00"),
    "crit_morality": "good",
    "crit_repayment": "good",
    "crit_capital": "fair",
    "crit_environment": "good",
    "crit_guarantee": "good",
    "report": "经双人实地调查，借款人品行端正，经营正常，第一还款来源充足，建议发放。",
}

#: The customers' demo household whose loan card the demo draws on today.
CARD_HOLDER = "王建国"

#: Contracts signed months ago that post-loan's demo disburses and repays:
#: (how it is repaid, customer index, amount, term in months, method, months ago).
#: A name instead of an index is a household of the customers' demo holding a loan card: 王建国
#: (AAA, 60,000) borrows 50,000 on his card today, which his file then shows drawn.
TO_DISBURSE = [
    ("on_time", 3, "60000", 12, M.EQUAL_INSTALMENT, 6),
    ("fresh", CARD_HOLDER, "50000", 12, M.EQUAL_INSTALMENT, 0),
    ("late", 4, "100000", 12, M.EQUAL_INSTALMENT, 5),
    ("overdue", 5, "80000", 12, M.EQUAL_INSTALMENT, 4),
    ("settled", 0, "20000", 3, M.EQUAL_PRINCIPAL, 4),
]

DEMO_PDF = b"%PDF-1.4\n% CreditDesk demo scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

DEMO_CUSTOMERS = [
    # name, type, birth date. The farm households are the demo's loan-card holders (customer
    # index 0–3 of the stories below).
    ("张大山", CustomerType.FARM_HOUSEHOLD, datetime.date(1978, 3, 12)),
    ("李秀英", CustomerType.FARM_HOUSEHOLD, datetime.date(1983, 7, 2)),
    ("陈福生", CustomerType.INDIVIDUAL_BUSINESS, datetime.date(1980, 5, 30)),
    ("赵春花", CustomerType.FARM_HOUSEHOLD, datetime.date(1988, 1, 9)),
    ("周建华", CustomerType.INDIVIDUAL_BUSINESS, datetime.date(1979, 4, 8)),
    ("王建民", CustomerType.FARM_HOUSEHOLD, datetime.date(1975, 11, 20)),
]

#: The loan cards' age: old enough for the contracts signed months ago (TO_DISBURSE).
CARD_DAYS = 200
#: The AAA household's scores by criterion (customers' scorecard), and its tier's cap.
AAA_SCORES = {"morality": 95, "repayment": 92, "capital": 85, "environment": 90, "guarantee": 88}


def _id_number(birth: datetime.date, seq: int) -> str:
    body = f"110105{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def seed(*, stdout=None) -> None:
    products = _products()
    manager = User.objects.filter(username="manager1").first()
    if manager is None:
        return
    if LoanApplication.objects.filter(created_by=manager).exists():
        return
    with transaction.atomic():
        _applications(products, manager, stdout)


def _products() -> dict[str, LoanProduct]:
    admin = User.objects.filter(username="admin").first()
    result = {}
    for (
        code,
        name,
        types,
        lo,
        hi,
        term,
        rlo,
        rhi,
        methods,
        guarantees,
        docs,
        rating,
        line,
    ) in PRODUCTS:
        values = {
            "name": name,
            "customer_types": [str(t) for t in types],
            "min_amount": Decimal(lo),
            "max_amount": Decimal(hi),
            "max_term_months": term,
            "min_rate": Decimal(rlo),
            "max_rate": Decimal(rhi),
            "repayment_methods": [str(m) for m in methods],
            "guarantee_kinds": guarantees,
            "required_documents": docs,
            "needs_rating": rating,
            "needs_credit_line": line,
        }
        product = LoanProduct.objects.filter(code=code).first() or LoanProduct(code=code)
        if product.pk is None or any(getattr(product, k) != v for k, v in values.items()):
            for name_, value in values.items():
                setattr(product, name_, value)
            audited_save(product, by=admin, reason=LoansReason.DEMO)
        result[code] = product
    return result


def _customers(manager: User, kind: str, count: int) -> list[Customer]:
    """The manager's eligible person customers of ``kind``, topped up with demo customers.
    The farm households are always the demo's own: each holds a loan card (_loan_card)."""
    today = timezone.localdate()
    found = [
        c
        for c in Customer.objects.filter(manager=manager, customer_type=kind)
        if c.birth_date and 25 <= c.age_on(today) <= 55
    ]
    if kind == CustomerType.FARM_HOUSEHOLD:
        found = []
    seq = 700
    for name, ctype, birth in DEMO_CUSTOMERS:
        if len(found) >= count:
            break
        seq += 1
        if ctype != kind:
            continue
        customer = Customer.objects.filter(id_number=_id_number(birth, seq)).first()
        if customer is None:
            customer = Customer(
                id_number=_id_number(birth, seq),
                name=name,
                customer_type=ctype,
                birth_date=birth,
                branch=manager.branch,
                manager=manager,
                status=CustomerStatus.ACTIVE,
            )
            audited_save(customer, by=manager, reason=LoansReason.DEMO)
        if customer not in found:
            found.append(customer)
    return found[:count] if found else []


def _loan_card(customer: Customer, *, manager: User, approver: User, committee: User) -> None:
    """An AAA rating and the tier's credit line (贷款证), both from CARD_DAYS ago, for a demo
    household that has neither: the farm microloan draws on it."""
    if customer.credit_lines.exists():
        return
    on = timezone.localdate() - datetime.timedelta(days=CARD_DAYS)
    card = Scorecard.objects.filter(customer_type=customer.customer_type).first()
    if card is None:
        return
    scores = {f.pk: AAA_SCORES[f.criterion] for f in card.factors.all()}
    rating = credit.rating_record(customer=customer, scores=scores, rated_by=manager, on=on)
    tier = FarmTier.objects.for_grade(rating.grade)
    if tier is None:
        return
    line = credit.credit_line_propose(
        customer=customer, amount=tier.cap, proposed_by=manager, valid_from=on
    )
    try:
        credit.credit_line_approve(line=line, approver=approver)
    except ValidationError:  # above the head's authority for lines: the committee grants it
        credit.credit_line_approve(line=line, approver=committee)
    # Last year's books and this year's: the approver's panel reads ratios and growth.
    for days, revenue in ((CARD_DAYS + 165, "540000"), (60, "600000")):
        household.snapshot_record(
            customer=customer,
            by=manager,
            values={
                "as_of": timezone.localdate() - datetime.timedelta(days=days),
                "revenue": Decimal(revenue),
                "net_profit": Decimal("90000"),
                "total_assets": Decimal("420000"),
                "total_liabilities": Decimal("80000"),
                "current_assets": Decimal("150000"),
                "current_liabilities": Decimal("60000"),
                "monthly_sales": Decimal(revenue) / 12,
                "employees": 2,
            },
        )


def _applications(products, manager: User, stdout) -> None:
    second = User.objects.get(username="manager2")
    head = User.objects.get(username="head1")
    committee = User.objects.get(username="committee1")
    farmers = _customers(manager, CustomerType.FARM_HOUSEHOLD, 4)
    for farmer in farmers:
        _loan_card(farmer, manager=manager, approver=head, committee=committee)
    traders = _customers(manager, CustomerType.INDIVIDUAL_BUSINESS, 2)
    people = farmers + traders
    if not people:
        return
    today = timezone.localdate()

    def pick(i: int | str) -> Customer | None:
        if isinstance(i, str):  # a card holder of the customers' demo, if the card covers it
            holder = (
                Customer.objects.filter(manager=manager, name=i)
                .filter(credit_lines__status="active", credit_lines__valid_from__lte=today)
                .order_by("pk")
                .first()
            )
            return holder
        return people[i % len(people)]

    def new(
        i,
        product="FARM-CREDIT",
        amount="100000",
        term=12,
        method=M.EQUAL_INSTALMENT,
        rate="6.5",
        purpose="购买饲料与仔猪",
    ):
        customer = pick(i)
        if customer.customer_type == CustomerType.INDIVIDUAL_BUSINESS and product.startswith(
            "FARM"
        ):
            product = "IB-WC"
        return services.application_create(
            customer=customer,
            product=products[product],
            amount=Decimal(amount),
            term_months=term,
            purpose=purpose,
            repayment_method=method,
            proposed_rate=Decimal(rate),
            first_repayment_source="经营收入",
            second_repayment_source="家庭务工收入",
            production_cycle_months=min(term, 12),
            created_by=manager,
        )

    def investigate(application, *, confirm=True, visit=None, **findings):
        services.application_start_investigation(
            application=application, user=manager, second_investigator=second
        )
        data = {**FINDINGS, "visit_date": visit or today - datetime.timedelta(days=3), **findings}
        services.investigation_update(
            application=application,
            user=manager,
            data=data,
            other_borrowings=[
                {"lender": "邮储银行", "amount": Decimal("30000"), "rate": Decimal("5.2")}
            ],
        )
        for kind in application.product.document_checklist(application.customer.customer_type):
            services.document_upload(
                application=application,
                user=manager,
                kind=kind,
                upload=SimpleUploadedFile(f"{kind}.pdf", DEMO_PDF),
            )
        if confirm:
            services.investigation_confirm(application=application, user=second)

    def submit(application, **findings):
        investigate(application, **findings)
        services.application_submit(application=application, user=manager)

    def approve(application, **terms):
        submit(application)
        services.application_approve(
            application=application, approver=head, opinion="同意发放。", **terms
        )

    def sign_back_dated(make, months_ago: int):
        # Told as it happened: investigated, approved and signed on that day, months ago (a
        # contract may not be dated before its approval).
        day = add_months(today, -months_ago)
        with _as_of(day):
            application = make()
            investigate(application, visit=day)
            services.application_submit(application=application, user=manager)
            services.application_approve(
                application=application, approver=head, opinion="同意发放。"
            )
            services.application_sign_contract(application=application, user=manager, signed_on=day)

    # Draft, investigating, submitted (the head's queue), returned, rejected, withdrawn.
    # The farm microloans draw on 60,000 loan cards: every amount fits the card.
    circle = (new(0, amount="50000", purpose="购买化肥种子"), new(1, amount="40000"))
    investigate(circle[1], confirm=False)
    # Poor collateral: approvable only once a guarantor is added (guarantees.demo).
    needs_guarantor = new(2, amount="50000", purpose="扩建鸡舍")
    submit(needs_guarantor, collateral="poor", collateral_evidence="无房产可抵押，需追加保证人。")
    submit(new(3, amount="30000"))
    returned = LoanApplication.objects.filter(created_by=manager, amount=Decimal("30000")).get()
    services.application_return(
        application=returned, reviewer=head, comments="请补充近半年销售流水和配偶签字的同意书。"
    )
    rejected = new(4, amount="200000", purpose="购买农机")
    submit(rejected)
    services.application_reject(
        application=rejected, reviewer=head, opinion="第一还款来源不足，负债偏高。"
    )
    withdrawn = new(5, amount="30000")
    services.application_withdraw(application=withdrawn, user=manager, reason="客户已筹到资金")
    # Approved with a condition and a lower amount (a mortgage loan, not on the card); a farm
    # microloan on the card, contract signed.
    mortgaged = new(0, product="MORTGAGE", amount="150000", purpose="翻建养殖大棚")
    approve(mortgaged, amount=Decimal("120000"), conditions="配偶到场共同签字")
    signed = new(1, amount="45000", term=6, method=M.INTEREST_MONTHLY)
    approve(signed)
    services.application_sign_contract(application=signed, user=manager)
    # Above the head's authority: referred to the credit committee, one vote cast.
    big = new(2, product="MORTGAGE", amount="800000", term=60, rate="4.9", purpose="购置冷库设备")
    submit(big)
    services.application_refer(application=big, reviewer=head, opinion="超出支行权限，提交审贷会。")
    services.committee_vote(application=big, member=committee, vote="approve", opinion="同意")

    # Contracts signed months ago: post-loan's demo disburses them on the day of signing.
    for _key, i, amount, term, method, months_ago in TO_DISBURSE:
        if pick(i) is None:
            continue  # no such card holder in this bank's customers
        sign_back_dated(
            lambda i=i, a=amount, t=term, m=method: new(i, amount=a, term=t, method=m), months_ago
        )
    # Guarantors in a mutual-guarantee circle, and a mortgage not registered yet.
    guarantees_demo.attach(by=manager, circle=circle, mortgaged=mortgaged)
    _say(stdout, "Loans: demo products and applications loaded.\n")


__all__ = ["ALL_TYPES", "TO_DISBURSE", "seed"]
