"""A manager on the road calls a customer from the list, the pipeline, the follow-ups or the
file. Lists keep phones masked and never carry the number: their phone links ask
``/customers/<pk>/call/``, which answers in scope only, with a redirect to ``tel:`` that opens
the phone's dialer. The file shows the number whole, as a ``tel:`` link."""

from __future__ import annotations

import datetime

from customers.services import contacts
from tests.factories import CustomerFactory


def test_lists_link_to_the_call_and_keep_the_number_masked(client_for, manager):
    customer = CustomerFactory(manager=manager, name="张大山", phone="13812345678")
    contacts.contact_log(
        customer=customer,
        by=manager,
        values={
            "kind": "visit",
            "occurred_on": datetime.date.today(),
            "purpose": "了解春耕资金需求",
            "follow_up_on": datetime.date.today(),
        },
    )
    client = client_for(manager)
    for url in (
        "/customers/",
        f"/customers/pipeline/?stage={customer.stage}",
        "/customers/followups/",
    ):
        html = client.get(url).content.decode()
        assert f'href="/customers/{customer.pk}/call/"' in html, url
        assert "138****5678" in html and "13812345678" not in html, url


def test_the_call_opens_the_dialer(client_for, manager):
    customer = CustomerFactory(manager=manager, phone="13812345678")
    response = client_for(manager).get(f"/customers/{customer.pk}/call/")
    assert response.status_code == 302
    assert response["Location"] == "tel:13812345678"


def test_no_number_to_call_goes_back_to_the_file(client_for, manager):
    customer = CustomerFactory(manager=manager, phone="")
    response = client_for(manager).get(f"/customers/{customer.pk}/call/", follow=True)
    assert response.redirect_chain == [(f"/customers/{customer.pk}/", 302)]
    assert "没有登记手机号码" in response.content.decode()


def test_another_managers_customer_is_not_found(client_for, other_manager, manager):
    customer = CustomerFactory(manager=manager, phone="13812345678")
    assert client_for(other_manager).get(f"/customers/{customer.pk}/call/").status_code == 404


def test_the_file_calls_the_number_directly(client_for, manager):
    customer = CustomerFactory(manager=manager, phone="13812345678")
    html = client_for(manager).get(f"/customers/{customer.pk}/").content.decode()
    assert 'href="tel:13812345678"' in html
