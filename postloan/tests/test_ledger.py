"""The loan ledger (贷款台账): search by name, ID or contract number; filters by status,
overdue, product and manager (only managers in the viewer's scope offered); the count and
balance of what is selected; links to each loan and its customer."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from loans.models import LoanProduct
from postloan import services
from postloan.models import Loan
from postloan.models import loan as loan_module
from postloan.tests.test_disbursement_and_repayment import back_dated_loan
from tests.factories import CustomerFactory

URL = "/postloan/loans/"


@pytest.fixture
def ledger(loan, product, manager, manager2, head):
    """Three loans of 城关支行: 张大山's current one (the ``loan`` fixture, 农户小额), 李秀英's
    three months old and never repaid (overdue, 个体经营), and one of 王客户经理's customers,
    a month old and a few days overdue."""
    trade = LoanProduct.objects.create(
        code="BIZ-FLOW",
        name="个体经营流动资金贷款",
        customer_types=["farm_household", "individual_business"],
        min_amount=Decimal("10000"),
        max_amount=Decimal("2000000"),
        max_term_months=36,
        min_rate=Decimal("3.0"),
        max_rate=Decimal("12.0"),
        repayment_methods=list(product.repayment_methods),
        guarantee_kinds=["credit"],
    )
    overdue = back_dated_loan(
        CustomerFactory(manager=manager, name="李秀英", id_number="110105198202150022"),
        trade,
        manager,
        manager2,
        head,
        months_ago=3,
        amount=Decimal("50000.00"),
    )
    colleague = back_dated_loan(
        CustomerFactory(manager=manager2, name="赵春花"),
        product,
        manager2,
        manager,
        head,
        months_ago=1,
        amount=Decimal("30000.00"),
    )
    return {"current": loan, "overdue": overdue, "colleague": colleague, "trade": trade}


def rows(html: str) -> list[str]:
    """The contract numbers listed, in order."""
    return re.findall(r'href="/postloan/loans/\d+/">([^<]+)</a>', html)


def test_manager_finds_a_loan_by_name_id_or_contract_number(client_for, manager, ledger):
    overdue = ledger["overdue"]
    client = client_for(manager)
    for typed in ("李秀", "110105198202150022", overdue.contract_number[-6:]):
        html = client.get(URL, {"q": typed}).content.decode()
        assert rows(html) == [overdue.contract_number], typed
    assert rows(client.get(URL, {"q": "不存在的人"}).content.decode()) == []


def test_filters_narrow_by_status_overdue_and_product(client_for, manager, ledger):
    client = client_for(manager)
    overdue, current = ledger["overdue"], ledger["current"]
    assert overdue.days_past_due_on() > 10  # three months without a repayment
    html = client.get(URL, {"overdue": "yes"}).content.decode()
    assert rows(html) == [overdue.contract_number]
    assert rows(client.get(URL, {"overdue": "alert"}).content.decode()) == [overdue.contract_number]
    assert rows(client.get(URL, {"overdue": "no"}).content.decode()) == [current.contract_number]
    html = client.get(URL, {"product": ledger["trade"].pk}).content.decode()
    assert rows(html) == [overdue.contract_number]
    assert rows(client.get(URL, {"status": "settled"}).content.decode()) == []
    assert set(rows(client.get(URL, {"status": "active"}).content.decode())) == {
        overdue.contract_number,
        current.contract_number,
    }


def test_totals_are_the_count_and_balance_of_what_is_selected(client_for, head, ledger):
    client = client_for(head)
    html = client.get(URL).content.decode()
    everything = Loan.objects.visible_to(head)
    assert everything.count() == 3
    balance = sum(loan.outstanding_principal for loan in everything)
    assert 'id="loan-count">3<' in html
    assert f'id="loan-balance">{balance:,.2f}<' in html
    html = client.get(URL, {"overdue": "yes"}).content.decode()  # a few days and three months
    assert 'id="loan-count">2<' in html
    html = client.get(URL, {"overdue": "alert"}).content.decode()
    overdue = ledger["overdue"]
    assert rows(html) == [overdue.contract_number]
    assert 'id="loan-count">1<' in html
    assert f'id="loan-balance">{overdue.outstanding_principal:,.2f}<' in html


def test_settled_loans_count_but_owe_nothing(client_for, manager, ledger):
    current = ledger["current"]
    services.loan_record_repayment(loan=current, user=manager, amount=current.principal)
    current.refresh_from_db()
    assert current.status == "settled"
    html = client_for(manager).get(URL, {"status": "settled"}).content.decode()
    assert rows(html) == [current.contract_number]
    assert 'id="loan-count">1<' in html
    assert 'id="loan-balance">0.00<' in html


def test_head_filters_by_a_manager_of_the_branch(client_for, head, manager2, ledger):
    client = client_for(head)
    html = client.get(URL).content.decode()
    choices = re.search(r'<select name="manager".*?</select>', html, re.S).group(0)
    assert "王客户经理" in choices and "李客户经理" in choices
    assert "赵客户经理" not in choices  # 河口支行's manager: not in this head's scope
    html = client.get(URL, {"manager": manager2.pk}).content.decode()
    assert rows(html) == [ledger["colleague"].contract_number]


def test_a_manager_of_another_branch_is_refused_not_shown(client_for, head, other_manager, ledger):
    response = client_for(head).get(URL, {"manager": other_manager.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "invalid-feedback" in html
    assert 'id="loan-count">3<' in html  # the bad filter is dropped, the scope stays the head's


def test_a_manager_sees_no_manager_filter_and_only_own_loans(client_for, manager, ledger):
    html = client_for(manager).get(URL).content.decode()
    assert 'name="manager"' not in html
    assert ledger["colleague"].contract_number not in html


def test_rows_link_to_the_loan_and_the_customer(client_for, manager, ledger):
    overdue = ledger["overdue"]
    html = client_for(manager).get(URL, {"q": overdue.contract_number}).content.decode()
    assert f'href="/postloan/loans/{overdue.pk}/"' in html
    assert f'href="/customers/{overdue.customer_id}/"' in html
    assert re.search(r'class="badge text-bg-danger">\d+</span>', html)  # days overdue


@pytest.mark.parametrize(
    "query",
    [
        {"status": "alien"},
        {"overdue": "maybe"},
        {"product": "abc"},
        {"product": "999999"},
        {"manager": "-1"},
        {"q": "长" * 1000},
        {"page": "x"},
    ],
)
def test_bad_filters_are_shown_never_a_500(client_for, head, ledger, query):
    response = client_for(head).get(URL, query)
    assert response.status_code == 200


def test_ledger_costs_the_same_queries_for_any_number_of_rows(
    client_for, head, ledger, django_assert_num_queries
):
    client = client_for(head)
    # session, user, the user's branch (scope), page count, page rows, totals, notification
    # count, product and manager choices
    with django_assert_num_queries(9):
        client.get(URL, {"overdue": "alert"})  # one row
    with django_assert_num_queries(9):
        client.get(URL)  # three rows


def test_search_finds_only_what_the_viewer_may_see(
    client_for, manager, manager2, head, other_head, ledger
):
    colleague, overdue = ledger["colleague"], ledger["overdue"]
    for typed in ("赵春花", colleague.contract_number):
        assert rows(client_for(manager).get(URL, {"q": typed}).content.decode()) == [], typed
        assert rows(client_for(manager2).get(URL, {"q": typed}).content.decode()) == [
            colleague.contract_number
        ], typed
        assert rows(client_for(head).get(URL, {"q": typed}).content.decode()) == [
            colleague.contract_number
        ], typed
    html = client_for(other_head).get(URL, {"q": overdue.contract_number}).content.decode()
    assert rows(html) == []
    assert 'id="loan-count">0<' in html


@pytest.mark.parametrize("ids_up_to", [2000, 1, 0])
def test_search_by_ids_and_by_the_plain_condition_agree(head, ledger, monkeypatch, ids_up_to):
    """Up to ``SEARCH_IDS_UP_TO`` matches the search reads the loans by id; beyond, by the
    plain condition: the same loans either way."""
    monkeypatch.setattr(loan_module, "SEARCH_IDS_UP_TO", ids_up_to)
    current, overdue = ledger["current"], ledger["overdue"]
    number = current.contract_number
    scope = Loan.objects.visible_to(head)
    assert set(scope.search("李秀", user=head)) == {overdue}
    assert set(scope.search(number, user=head)) == {current}
    common = number[: number.index("-") + 1]  # "B01-": the branch code every one begins with
    assert set(scope.search(common, user=head)) == set(scope)
    assert set(scope.search("不存在的人", user=head)) == set()
    assert set(scope.search(number)) == {current}  # no user: every customer considered


def test_a_contract_number_is_found_by_its_beginning_or_its_end(ledger):
    current = ledger["current"]
    number = current.contract_number  # B01-2026-000001
    found = Loan.objects.filter(loan_module.contract_number_q(number.lower())).order_by("pk")
    assert list(found) == [current]
    assert current in Loan.objects.filter(loan_module.contract_number_q(number[:7]))
    assert current in Loan.objects.filter(loan_module.contract_number_q(number[-4:]))
    middle = number[2:-2]  # neither the beginning nor the end
    assert not Loan.objects.filter(loan_module.contract_number_q(middle)).exists()


def test_what_looks_like_a_contract_number():
    looks = loan_module.looks_like_contract_number
    assert looks("BK01-2026-000123") and looks("000123") and looks("bk01")
    assert not looks("王建国") and not looks("12") and not looks("BK01 2026")


def test_a_search_costs_the_same_queries_for_any_number_of_matches(
    client_for, head, ledger, django_assert_num_queries
):
    client = client_for(head)
    # the ledger's nine (test above) and the ids of the matching loans
    with django_assert_num_queries(10):
        assert len(rows(client.get(URL, {"q": "李秀"}).content.decode())) == 1
    number = ledger["current"].contract_number
    branch = number[: number.index("-") + 1]  # "B01-": every contract of the branch
    with django_assert_num_queries(10):
        assert len(rows(client.get(URL, {"q": branch}).content.decode())) == 3


def test_the_quick_select_writes_what_django_select_writes():
    from django import forms

    from postloan.filters import QuickSelect

    choices = [("", "全部"), (1, "王客户经理"), (2, '<b>"李"</b> & 赵')]
    quick = QuickSelect(attrs={"class": "form-select"}, choices=choices)
    plain = forms.Select(attrs={"class": "form-select"}, choices=choices)
    for value in ("", "2", None):
        html = quick.render("manager", value, attrs={"id": "id_manager"})
        expected = plain.render("manager", value, attrs={"id": "id_manager"})
        assert html == re.sub(r">\s+<", "><", expected.replace("\n", "")), value
    assert "&lt;b&gt;&quot;李&quot;&lt;/b&gt; &amp; 赵" in html
