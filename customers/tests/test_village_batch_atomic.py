"""A refused village batch leaves nothing behind (issue 8, finding 9): the credit village is
opened in the same transaction as the batch, so a refusal rolls both back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from customers.models import CreditVillage, VillageBatch
from customers.services.villages import village_batch_start
from customers.tests.credit_helpers import household


def test_the_service_rolls_the_new_village_back_when_the_batch_is_refused(manager):
    household(manager, village="青禾村")
    with pytest.raises(ValidationError, match="至少为一户"):
        village_batch_start(township="城关镇", name="青禾村", scores={}, rated_by=manager)
    assert not CreditVillage.objects.exists()
    assert not VillageBatch.objects.exists()


def test_the_api_leaves_no_village_behind_a_refused_batch(manager, api_for):
    household(manager, village="青禾村")
    response = api_for(manager).post(
        "/api/village-batches/",
        {"township": "城关镇", "village": "青禾村", "scores": {}, "objection_days": 7},
        format="json",
    )
    assert response.status_code == 400
    assert not CreditVillage.objects.exists()


def test_the_web_page_leaves_no_village_behind_a_refused_batch(manager, client_for):
    household(manager, village="河西村")
    url = reverse("customers:credit_batch_new") + "?township=城关镇&village=河西村"
    client = client_for(manager)
    form = client.get(url).context["form"]
    # Nobody ticked: the form is valid, the service opens the village, then refuses.
    data = {"objection_days": 7}
    response = client.post(url, data)
    assert response.status_code == 200  # the grid again, with the refusal above it
    assert "请至少为一户农户评分" in response.content.decode()
    assert form.households and not CreditVillage.objects.exists()
