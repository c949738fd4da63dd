"""A ``next=`` that leaves the site is ignored (issue 8, finding 8): the user lands on the
page the action belongs to, never on evil.example."""

import pytest
from django.urls import reverse

from customers.models import Contact

EVIL = ["//evil.example/x", "https://evil.example", "/\\evil.example", "http:/\\evil.example"]


def _stays_on_site(response, default: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == default
    assert "evil" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_reassign_ignores_a_next_that_leaves_the_site(target, customer_file, head, client_for):
    response = client_for(head).post(
        reverse("customers:reassign"),
        {"customers": [customer_file.pk], "next": target},  # no manager chosen: refused
    )
    _stays_on_site(response, reverse("customers:list"))


@pytest.mark.parametrize("target", EVIL)
def test_follow_up_done_ignores_a_next_that_leaves_the_site(
    target, customer_file, manager, client_for
):
    contact = Contact.objects.get(customer=customer_file)
    response = client_for(manager).post(
        reverse("customers:contact_done", args=[contact.pk]), {"next": target}
    )
    _stays_on_site(response, reverse("customers:detail", args=[customer_file.pk]) + "#contacts")
    contact.refresh_from_db()
    assert contact.follow_up_done


def test_a_next_on_the_site_is_followed(customer_file, manager, client_for):
    contact = Contact.objects.get(customer=customer_file)
    response = client_for(manager).post(
        reverse("customers:contact_done", args=[contact.pk]), {"next": "/customers/followups/"}
    )
    assert response["Location"] == "/customers/followups/"


@pytest.mark.parametrize("target", EVIL)
def test_login_ignores_a_next_that_leaves_the_site(target, manager, client):
    manager.set_password("pw-for-tests")
    manager.save()
    response = client.post(
        reverse("login") + "?next=" + target,
        {"username": manager.username, "password": "pw-for-tests", "next": target},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
