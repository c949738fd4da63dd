from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from creditdesk import demo
from creditdesk.discovery import app_functions


class Command(BaseCommand):
    help = "Load the demo bank: organisation, staff, authority table and each app's records."

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        with transaction.atomic():
            for seed in app_functions("demo", "seed"):
                seed(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {demo.DEMO_PASSWORD}):")
        )
        for username, role, branch in demo.logins():
            self.stdout.write(f"  {username:<12} {role:<10} {branch}")
