"""Reference data typed in the admin site is shown as text, never run (issue 8, finding 6)."""

from django.urls import reverse

from customers.models import CustomerType, ScorecardFactor
from tests.factories import CustomerFactory

SCRIPT = '<script>alert("guidance")</script><img src=x onerror=alert(1)>'


def test_scorecard_guidance_with_a_script_comes_out_escaped(manager, client_for):
    customer = CustomerFactory(manager=manager, customer_type=CustomerType.FARM_HOUSEHOLD)
    factor = ScorecardFactor.objects.filter(
        scorecard__customer_type=CustomerType.FARM_HOUSEHOLD
    ).first()
    ScorecardFactor.objects.filter(pk=factor.pk).update(guidance=SCRIPT)
    response = client_for(manager).get(reverse("customers:credit_rate", args=[customer.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;guidance&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html
