"""The village batch started in one step leaves history like its two parts."""

from customers.models import CustomerType
from customers.services.villages import village_batch_start
from customers.tests.credit_helpers import DAY, household, scores_for
from customers.tests.test_history import leaves_history


def test_village_batch_start_leaves_history(manager):
    people = [household(manager, name=n) for n in ("张大山", "李二牛")]
    scores = {c.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 95) for c in people}
    with leaves_history(manager):
        batch = village_batch_start(
            township="城关镇", name="青禾村", scores=scores, rated_by=manager, on=DAY
        )
    assert batch.village.history.first().history_change_reason == "customers.village_open"
