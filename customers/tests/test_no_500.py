"""Bad input on the customer floor is a 400 with a message, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from customers.models import CustomerType, VillageBatch
from customers.services.villages import credit_village_open, village_batch_rate
from customers.tests.credit_helpers import household, scores_for


@pytest.mark.parametrize(
    "scores",
    [{"abc": {}}, {"1.5": {}}, {"": {}}, {"12": "not a dict"}, {"12": [1, 2]}],
)
def test_village_batch_with_scores_keyed_by_no_customer_is_400(api_for, manager, scores):
    household(manager, name="张大山")
    response = api_for(manager).post(
        "/api/village-batches/",
        {"township": "城关镇", "village": "青禾村", "scores": scores},
        format="json",
    )
    assert response.status_code == 400
    assert not VillageBatch.objects.exists()


def test_service_refuses_a_key_that_is_no_customer_id(manager):
    person = household(manager, name="张大山")
    village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    good = scores_for(CustomerType.FARM_HOUSEHOLD, 90)
    with pytest.raises(ValidationError) as refused:
        village_batch_rate(village=village, scores={person.pk: good, "abc": good}, rated_by=manager)
    assert "scores" in refused.value.message_dict
    assert not VillageBatch.objects.exists()


def test_a_huge_customer_id_in_scores_is_only_not_found(api_for, manager):
    household(manager, name="张大山")
    response = api_for(manager).post(
        "/api/village-batches/",
        {"township": "城关镇", "village": "青禾村", "scores": {str(10**20): {}}},
        format="json",
    )
    assert response.status_code == 400
    assert not VillageBatch.objects.exists()
