"""The demo bank's customers: about 60, across types, villages and managers, idempotent."""

from customers import demo
from customers.models import Contact, Customer, CustomerType


def test_demo_seeds_sixty_customers_once(bank):
    demo.seed()
    assert 55 <= Customer.objects.count() <= 65
    assert set(Customer.objects.values_list("customer_type", flat=True)) == set(CustomerType.values)
    assert Customer.objects.values("manager").distinct().count() == 3
    assert Customer.objects.values("village").distinct().count() >= 5
    assert Contact.objects.exclude(follow_up_on=None).exists()
    count = Customer.objects.count()
    demo.seed()
    assert Customer.objects.count() == count
