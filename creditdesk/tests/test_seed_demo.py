"""seed_demo loads the demo bank and can run again without duplicating anything."""

from django.core.management import call_command

from creditdesk.demo import DEMO_PASSWORD
from creditdesk.models import AuthorityLimit, Branch, Role, User


def counts():
    return (Branch.objects.count(), User.objects.count(), AuthorityLimit.objects.count())


def test_seed_demo_is_idempotent_and_prints_logins(db, capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for username in ("manager1", "head1", "committee1", "auditor", "admin"):
        assert username in out


def test_demo_bank_has_every_role(db):
    call_command("seed_demo")
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert Branch.objects.get(code="B01-1").parent.code == "B01"
    managers = User.objects.filter(role=Role.MANAGER)
    assert managers.count() == 3
    assert len(set(managers.values_list("grade", flat=True))) == 3
