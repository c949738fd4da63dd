"""Demo ratings, lines and a village batch: present, plausible, and seeded only once."""

from django.utils import timezone

from customers import demo
from customers.models import CreditLine, CreditRating, VillageBatch, VillageBatchStatus


def test_demo_credit_is_seeded_once(bank):
    demo.seed()
    counts = (CreditRating.objects.count(), CreditLine.objects.count())
    assert counts[0] > 10 and counts[1] > 10
    assert CreditLine.objects.expiring(timezone.localdate()).exists()
    assert CreditLine.objects.pending().exists()  # something for the head's queue
    batch = VillageBatch.objects.get()
    assert batch.status == VillageBatchStatus.PUBLISHED
    assert batch.entries.exists()
    demo.seed()
    assert (CreditRating.objects.count(), CreditLine.objects.count()) == counts
    assert VillageBatch.objects.count() == 1
