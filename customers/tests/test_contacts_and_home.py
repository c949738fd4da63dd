"""The contact log and the manager's home: follow-ups due, birthdays, expiring lines/ratings."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import Contact, CreditLine, CreditRating, Customer
from customers.services.contacts import contact_log

TODAY = datetime.date.today()


def test_follow_up_due_shows_on_home_until_done(customer_file, manager, client_for):
    client = client_for(manager)
    html = client.get("/").content.decode()
    assert 'id="panel-followups"' in html and "张大山" in html
    contact = Contact.objects.get(customer=customer_file)
    client.post(f"/customers/contacts/{contact.pk}/done/")
    contact.refresh_from_db()
    assert contact.follow_up_done
    assert "了解春耕资金需求" not in client.get("/").content.decode()


def test_future_follow_up_is_not_yet_due(customer_file, manager):
    Contact.objects.update(follow_up_on=TODAY + datetime.timedelta(days=3))
    assert not Contact.objects.visible_to(manager).followups_due(on=TODAY).exists()


def test_meal_records_who_why_and_cost(customer_file, manager, client_for):
    response = client_for(manager).post(
        f"/customers/{customer_file.pk}/contacts/new/",
        {"kind": "meal", "occurred_on": TODAY.isoformat(), "attendees": "张大山、村支书",
         "purpose": "商谈授信续期", "cost": "260.00", "follow_up_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    meal = Contact.objects.get(kind="meal")
    assert meal.cost == Decimal("260.00") and meal.attendees == "张大山、村支书"
    assert meal.history.first().history_user == manager


def test_follow_up_cannot_precede_the_contact(customer_file, manager):
    with pytest.raises(ValidationError):
        contact_log(
            customer=customer_file,
            by=manager,
            values={"kind": "call", "occurred_on": TODAY, "purpose": "x",
                    "follow_up_on": TODAY - datetime.timedelta(days=1)},
        )  # fmt: skip


def test_delete_contact_asks_first_and_deletes(customer_file, manager, client_for):
    client = client_for(manager)
    html = client.get(f"/customers/{customer_file.pk}/").content.decode()
    assert "data-confirm=" in html
    contact = Contact.objects.get(customer=customer_file)
    client.post(f"/customers/contacts/{contact.pk}/delete/")
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_birthdays_within_seven_days(bank, manager, client_for):
    soon = TODAY + datetime.timedelta(days=3)
    later = TODAY + datetime.timedelta(days=20)
    for n, day in ((1, soon), (2, later)):
        birth = day.replace(year=1980) if not (day.month == 2 and day.day == 29) else day
        Customer.objects.create(
            name=f"寿星{n}", customer_type="farm_household", birth_date=birth,
            id_number=f"11010519800101{n:03d}X", manager=manager, branch=manager.branch,
        )  # fmt: skip
    html = client_for(manager).get("/").content.decode()
    assert "寿星1" in html and "寿星2" not in html


def test_expiring_lines_and_ratings_show(customer_file, manager, head, client_for):
    CreditLine.objects.create(
        customer=customer_file, amount=Decimal("50000"), status="active",
        valid_from=TODAY - datetime.timedelta(days=700),
        valid_until=TODAY + datetime.timedelta(days=20),
    )  # fmt: skip
    CreditRating.objects.create(
        customer=customer_file, grade="AA", score=88, rated_by=head,
        valid_from=TODAY - datetime.timedelta(days=340),
        valid_until=TODAY + datetime.timedelta(days=25),
    )  # fmt: skip
    for user in (manager, head):
        html = client_for(user).get("/").content.decode()
        assert 'id="panel-expiring"' in html
        panel = html[html.index("panel-expiring") :][:3000]
        assert "¥50000" in panel.replace(",", "") and "AA" in panel, user


def test_english_home(customer_file, manager, client):
    client.force_login(manager)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Follow-ups due" in html
