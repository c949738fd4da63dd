"""Rating and credit pages: scorecard form, lines, approver queue, village batch wizard, prints."""

import datetime
import re

import pytest
from django.utils import timezone

from customers.models import (
    BatchEntryStatus,
    CreditLineStatus,
    CreditRating,
    CustomerType,
    Scorecard,
    VillageBatch,
    VillageBatchStatus,
)
from customers.services.credit import credit_line_approve, credit_line_propose
from customers.services.villages import (
    credit_village_open,
    village_batch_publish,
    village_batch_rate,
)
from customers.tests.credit_helpers import household, rated, scores_for
from customers.views.credit import customer_credit_context
from tests.factories import CustomerFactory


@pytest.fixture
def customer(manager):
    return CustomerFactory(manager=manager, customer_type=CustomerType.INDIVIDUAL_BUSINESS)


def score_form(customer_type, score):
    card = Scorecard.objects.get(customer_type=customer_type)
    return {f"factor_{f.pk}": score for f in card.factors.all()}


def test_manager_rates_a_customer_with_the_scorecard(client_for, manager, customer):
    client = client_for(manager)
    page = client.get(f"/customers/{customer.pk}/credit/rate/")
    assert page.status_code == 200
    assert "还款能力（权重 30%）" in page.content.decode()
    response = client.post(
        f"/customers/{customer.pk}/credit/rate/",
        score_form(CustomerType.INDIVIDUAL_BUSINESS, "85"),
    )
    assert response.status_code == 302
    rating = CreditRating.objects.get(customer=customer)
    assert (rating.grade, rating.score) == ("AA", 85)
    history = client.get(response["Location"]).content.decode()
    assert "AA" in history and "评级完成" in history


def test_a_score_above_100_is_shown_beside_the_field(client_for, manager, customer):
    data = score_form(CustomerType.INDIVIDUAL_BUSINESS, "85")
    data[next(iter(data))] = "120"
    response = client_for(manager).post(f"/customers/{customer.pk}/credit/rate/", data)
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not CreditRating.objects.exists()


def test_propose_then_head_approves_from_the_queue(client_for, manager, head, customer):
    rated(customer, 92, on=timezone.localdate())
    client = client_for(manager)
    response = client.post(
        f"/customers/{customer.pk}/credit/lines/new/",
        {"amount": "100000", "valid_from": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    line = customer.credit_lines.get()
    assert line.status == CreditLineStatus.PENDING
    # The manager sees no approve button on their own customer's line.
    assert 'id="approve"' not in client.get(f"/customers/credit/lines/{line.pk}/").content.decode()

    client = client_for(head)
    queue = client.get("/customers/credit/lines/").content.decode()
    assert customer.name in queue
    assert 'id="approve"' in client.get(f"/customers/credit/lines/{line.pk}/").content.decode()
    response = client.post(f"/customers/credit/lines/{line.pk}/approve/")
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == CreditLineStatus.ACTIVE
    card = client.get(f"/customers/credit/lines/{line.pk}/card/").content.decode()
    assert line.card_number in card and "贷款证" in card


def test_head_above_authority_sees_the_refusal(client_for, manager, head, customer):
    rated(customer, 95, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=400000, proposed_by=manager)
    response = client_for(head).post(f"/customers/credit/lines/{line.pk}/approve/", follow=True)
    assert "超出您的审批权限" in response.content.decode()
    line.refresh_from_db()
    assert line.status == CreditLineStatus.PENDING


def test_auditor_reads_but_cannot_approve_or_rate(client_for, auditor, manager, customer):
    rated(customer, 92, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=50000, proposed_by=manager)
    client = client_for(auditor)
    assert client.get(f"/customers/{customer.pk}/credit/").status_code == 200
    assert client.get(f"/customers/credit/lines/{line.pk}/").status_code == 200
    assert client.post(f"/customers/credit/lines/{line.pk}/approve/").status_code == 403
    assert client.get(f"/customers/{customer.pk}/credit/rate/").status_code == 403


def test_other_branch_gets_404(client_for, other_manager, other_head, manager, customer):
    rated(customer, 92, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=50000, proposed_by=manager)
    for user in (other_manager, other_head):
        client = client_for(user)
        assert client.get(f"/customers/{customer.pk}/credit/").status_code == 404
        assert client.get(f"/customers/credit/lines/{line.pk}/").status_code == 404
        assert client.post(f"/customers/credit/lines/{line.pk}/approve/").status_code == 404
        assert customer.name not in client.get("/customers/credit/lines/").content.decode()


def test_customer_panel_context(manager, head, customer):
    rated(customer, 92, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=50000, proposed_by=manager)
    credit_line_approve(line=line, approver=head)
    context = customer_credit_context(customer, manager)
    assert context["credit_rating"].grade == "AAA"
    assert context["credit_line"] == line
    assert context["credit_pending"] is None


def test_village_batch_wizard(client_for, manager, head):
    people = [household(manager, name=n) for n in ("张大山", "李二牛", "王三妹")]
    client = client_for(manager)
    assert "青禾村" in client.get("/customers/credit/batches/").content.decode()
    url = "/customers/credit/batches/new/?township=城关镇&village=青禾村"
    page = client.get(url)
    assert page.status_code == 200
    assert all(p.name in page.content.decode() for p in people)

    card = Scorecard.objects.get(customer_type=CustomerType.FARM_HOUSEHOLD)
    data = {"objection_days": "7"}
    for person, score in zip(people, ("95", "85", "62"), strict=True):
        data[f"include_{person.pk}"] = "on"
        for factor in card.factors.all():
            data[f"s_{person.pk}_{factor.pk}"] = score
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = VillageBatch.objects.get()
    assert batch.entries.count() == 3

    detail = client.get(response["Location"]).content.decode()
    assert "60,000.00" in detail and "特优" in detail
    client.post(f"/customers/credit/batches/{batch.pk}/publish/")
    batch.refresh_from_db()
    assert batch.status == VillageBatchStatus.PUBLISHED

    notice = client.get(f"/customers/credit/batches/{batch.pk}/notice/").content.decode()
    assert "公示" in notice and "张大山" in notice
    assert people[0].id_number not in notice  # masked on a public notice

    entry = batch.entries.get(customer=people[1])
    client.post(f"/customers/credit/entries/{entry.pk}/object/", {"objection": "有未结清借款"})
    entry.refresh_from_db()
    assert entry.status == BatchEntryStatus.OBJECTED

    # Within the window the head cannot make it effective.
    response = client_for(head).post(
        f"/customers/credit/batches/{batch.pk}/effective/", follow=True
    )
    assert "期满后方可生效" in response.content.decode()


def test_batch_cards_print_one_card_per_household(client_for, manager, head):
    people = [household(manager) for _ in range(2)]
    village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    day = timezone.localdate() - datetime.timedelta(days=10)
    batch = village_batch_rate(
        village=village,
        scores={p.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 90) for p in people},
        rated_by=manager,
        on=day,
    )
    village_batch_publish(batch=batch, published_by=manager, on=day)
    client = client_for(head)
    client.post(f"/customers/credit/batches/{batch.pk}/effective/")
    batch.refresh_from_db()
    assert batch.status == VillageBatchStatus.EFFECTIVE
    html = client.get(f"/customers/credit/batches/{batch.pk}/cards/").content.decode()
    assert len(re.findall(r'class="card" id="card-', html)) == 2


def test_loan_card_pdf(client_for, manager, head, customer):
    rated(customer, 92, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=50000, proposed_by=manager)
    credit_line_approve(line=line, approver=head)
    response = client_for(manager).get(f"/customers/credit/lines/{line.pk}/card/?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _queue_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/customers/credit/lines/").status_code == 200
    return len(ctx)


def test_approver_queue_queries_do_not_grow_with_the_lines(client_for, manager, head):
    client = client_for(head)

    def add_lines(n):
        for _ in range(n):
            c = CustomerFactory(manager=manager, customer_type=CustomerType.INDIVIDUAL_BUSINESS)
            rated(c, 92, on=timezone.localdate())
            credit_line_propose(customer=c, amount=10000, proposed_by=manager)

    add_lines(2)
    few = _queue_queries(client)
    add_lines(8)
    assert _queue_queries(client) == few
