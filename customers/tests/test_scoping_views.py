"""Every customer page answers 404 outside the user's scope and 403 to an auditor writing."""

import pytest

from customers.models import Contact, FinancialSnapshot, HouseholdMember


def _urls(customer):
    contact = Contact.objects.get(customer=customer)
    member = HouseholdMember.objects.get(customer=customer)
    snapshot = FinancialSnapshot.objects.get(customer=customer)
    pk = customer.pk
    return {
        "get": [
            f"/customers/{pk}/",
            f"/customers/{pk}/edit/",
            f"/customers/{pk}/members/new/",
            f"/customers/{pk}/financials/new/",
            f"/customers/{pk}/contacts/new/",
            f"/customers/contacts/{contact.pk}/edit/",
        ],
        "post": [
            f"/customers/{pk}/edit/",
            f"/customers/{pk}/stage/",
            f"/customers/{pk}/products/",
            f"/customers/{pk}/members/new/",
            f"/customers/members/{member.pk}/delete/",
            f"/customers/{pk}/financials/new/",
            f"/customers/financials/{snapshot.pk}/delete/",
            f"/customers/{pk}/contacts/new/",
            f"/customers/contacts/{contact.pk}/edit/",
            f"/customers/contacts/{contact.pk}/delete/",
            f"/customers/contacts/{contact.pk}/done/",
        ],
    }


@pytest.mark.parametrize("who", ["other_manager", "other_head", "manager2"])
def test_other_scope_gets_404_on_every_page(request, customer_file, client_for, who):
    client = client_for(request.getfixturevalue(who))
    urls = _urls(customer_file)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {}).status_code == 404, url


def test_other_scope_does_not_find_it_in_lists(customer_file, client_for, other_manager):
    client = client_for(other_manager)
    for url in ["/customers/", "/customers/followups/", "/customers/pipeline/?stage=prospect"]:
        assert "张大山" not in client.get(url).content.decode(), url


def test_auditor_reads_but_cannot_write(customer_file, client_for, auditor):
    client = client_for(auditor)
    urls = _urls(customer_file)
    assert client.get(urls["get"][0]).status_code == 200
    for url in urls["post"]:
        assert client.post(url, {}).status_code == 403, url
    assert client.get("/customers/new/").status_code == 403
    assert client.post("/customers/reassign/", {}).status_code == 403
    assert client.get("/customers/import/").status_code == 403


def test_head_of_the_branch_sees_the_file(customer_file, client_for, head):
    assert client_for(head).get(f"/customers/{customer_file.pk}/").status_code == 200


def test_anonymous_is_sent_to_login(customer_file, client):
    response = client.get(f"/customers/{customer_file.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
