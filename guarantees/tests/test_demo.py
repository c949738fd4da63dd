"""The demo bank has guarantees of every kind: a mutual-guarantee circle, an unregistered
mortgage, a joint-guarantee group, and an application approvable only once a guarantor is
added."""

from django.apps import apps
from django.core.management import call_command

from guarantees import coverage, queries
from guarantees.models import Collateral, Guarantor, JointGroup, Pledge


def test_demo_guarantees(db):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    assert Guarantor.objects.filter(party_type="organisation").count() == 1
    assert len(queries.all_circles()) == 1
    unregistered = Pledge.objects.filter(collateral__registered_on__isnull=True)
    assert unregistered.count() == 1
    assert Collateral.objects.filter(registered_on__isnull=False, custody="in_vault").exists()
    assert JointGroup.objects.get().members.count() == 3
    waiting = apps.get_model("loans", "LoanApplication").objects.get(
        status="submitted", investigation__collateral="poor"
    )
    assert coverage.structure(waiting).verdict == coverage.Verdict.NONE
