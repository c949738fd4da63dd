"""Mutual-guarantee circles (互保圈): A guarantees B while B guarantees A, and longer chains,
found by one recursive query (one borrower) or one graph pass (the bank)."""

from decimal import Decimal

from guarantees import coverage, queries
from guarantees.services import parties
from guarantees.tests.conftest import make_application
from tests.factories import CustomerFactory


def guarantees(guarantor, borrower_application, manager):
    return parties.guarantee_propose(
        application=borrower_application,
        by=manager,
        party={
            "party_type": "person",
            "name": guarantor.name,
            "id_number": guarantor.id_number,
            "net_assets": Decimal("500000"),
        },
        amount=Decimal("50000"),
        relationship="friend",
        willingness="strong",
    )


def people(manager, n):
    customers = [CustomerFactory(manager=manager, name=f"户{i}") for i in range(n)]
    return customers, [make_application(c, manager) for c in customers]


def test_two_who_guarantee_each_other_are_a_circle(manager):
    (a, b), (loan_a, loan_b) = people(manager, 2)
    guarantees(a, loan_b, manager)
    assert queries.circle_of(a.id_number) == set()
    guarantees(b, loan_a, manager)
    assert queries.circle_of(a.id_number) == {a.id_number, b.id_number}
    assert queries.all_circles() == [sorted([a.id_number, b.id_number])]
    structure = coverage.structure(loan_a)
    assert structure.circle == sorted([a.name, b.name])
    assert "circle" in {w.code for w in structure.warnings}


def test_a_longer_chain_closes_a_circle_and_a_chain_does_not(manager):
    (a, b, c, d), (loan_a, loan_b, loan_c, loan_d) = people(manager, 4)
    guarantees(a, loan_b, manager)  # a → b → c → a, and c → d (d is outside)
    guarantees(b, loan_c, manager)
    guarantees(c, loan_d, manager)
    assert queries.circle_of(a.id_number) == set()
    guarantees(c, loan_a, manager)
    assert queries.circle_of(b.id_number) == {a.id_number, b.id_number, c.id_number}
    assert queries.circle_of(d.id_number) == set()
    assert queries.all_circles() == [sorted([a.id_number, b.id_number, c.id_number])]


def test_a_withdrawn_guarantee_breaks_the_circle(manager):
    (a, b), (loan_a, loan_b) = people(manager, 2)
    guarantees(a, loan_b, manager)
    back = guarantees(b, loan_a, manager)
    parties.guarantee_withdraw(guarantee=back, by=manager)
    assert queries.circle_of(a.id_number) == set()
    assert queries.all_circles() == []


def test_the_graph_pass_finds_every_component():
    edges = [("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c"), ("e", "f"), ("g", "g")]
    assert sorted(queries.circles_in(edges)) == [["a", "b"], ["c", "d", "e"]]


def test_one_query_answers_for_a_borrower(manager, django_assert_num_queries):
    (a, b), (loan_a, loan_b) = people(manager, 2)
    guarantees(a, loan_b, manager)
    guarantees(b, loan_a, manager)
    with django_assert_num_queries(1):
        queries.circle_of(a.id_number)
    with django_assert_num_queries(1):
        queries.all_circles()
