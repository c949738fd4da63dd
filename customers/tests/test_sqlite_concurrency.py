"""The embedded default survives a small office: twelve concurrent PATCHes of one customer on
a file-based SQLite database (WAL, a busy timeout, IMMEDIATE transactions) all succeed.

The test runs this module as a script in a subprocess, so that the database is a real file
(the test run's own SQLite database lives in memory) reached through the project's settings.
It needs no server: on a PostgreSQL run it still checks the SQLite default, with its own file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

WRITERS = 12
BASE_DIR = Path(__file__).resolve().parents[2]


def test_twelve_concurrent_patches_of_one_customer_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'office.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "creditdesk.settings",
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CELERY_BROKER_URL": "",
    }
    env.pop("TEST_DATABASE_NAME", None)
    done = subprocess.run(
        [sys.executable, __file__],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    statuses = json.loads(done.stdout.strip().splitlines()[-1])
    assert statuses == [200] * WRITERS


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creditdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from creditdesk import demo
    from creditdesk.models import User
    from customers.services.customers import customer_create

    assert connection.vendor == "sqlite", connection.vendor
    call_command("migrate", verbosity=0, interactive=False)
    demo.seed()
    manager = User.objects.get(username="manager1")
    customer = customer_create(
        by=manager,
        name="张大山",
        customer_type="farm_household",
        id_number="110105198005170017",
        phone="13812345678",
    )
    connections.close_all()

    statuses: list = []
    start = threading.Barrier(WRITERS)

    def patch(i: int) -> None:
        try:
            client = Client()
            client.force_login(manager)
            start.wait(timeout=60)
            response = client.patch(
                f"/api/customers/{customer.pk}/",
                json.dumps({"address": f"城关镇东村 {i} 号"}),
                content_type="application/json",
            )
            statuses.append(response.status_code)
            if response.status_code != 200:
                print(i, response.status_code, response.content[:300], file=sys.stderr)
        except Exception as exc:  # a "database is locked" surfaces here
            statuses.append(repr(exc))
            print(i, repr(exc), file=sys.stderr)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=patch, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(statuses))
    return 0 if statuses == [200] * WRITERS else 1


if __name__ == "__main__":
    sys.exit(main())
