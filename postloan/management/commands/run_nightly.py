"""``manage.py run_nightly [--date YYYY-MM-DD] [--force]``: the nightly job, in this process."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from postloan import nightly


class Command(BaseCommand):
    help = "Run the post-loan nightly job (overdue, large loans, classification, alerts)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="business date, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--force", action="store_true", help="run again a date already run (idempotent)"
        )

    def handle(self, *args, date=None, force=False, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        run = nightly.run(day=day, force=force)
        if run is None:
            self.stdout.write("nightly: already run for this date, or running elsewhere")
            return
        counts = json.dumps(run.counts, sort_keys=True)
        self.stdout.write(f"nightly {run.business_date}: {counts}")
