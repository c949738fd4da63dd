"""Settings come from the environment, with safe defaults and a clean deploy check."""

import os
import subprocess
import sys

from tests.helpers import BASE_DIR

PROD_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 30 + "-production-grade-secret-for-tests-" + "x" * 20,
    "ALLOWED_HOSTS": "creditdesk.bank.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "CELERY_BROKER_URL",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='creditdesk.settings';"
    "django.setup(); from django.conf import settings as s;"
    "from creditdesk.celery import app;"
    "print(s.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager,"
    " s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.USE_TZ)"
)


def test_without_broker_tasks_run_eagerly_on_sqlite():
    result = run_python(SHOW, {})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "django.db.backends.sqlite3",
        "Asia/Shanghai",
        "True",
    ]


def test_with_broker_tasks_go_to_the_broker():
    result = run_python(SHOW, {"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "False"]


def test_production_refuses_to_start_without_secret_key():
    env = {**PROD_ENV, "SECRET_KEY": ""}
    result = run_python(SHOW, env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PROD_ENV,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_s3_storage_when_bucket_configured():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='creditdesk.settings';"
        "django.setup(); from django.core.files.storage import storages; d = storages['default'];"
        "print(type(d).__name__, d.bucket_name)"
    )
    result = run_python(
        code,
        {"AWS_STORAGE_BUCKET_NAME": "credit-files", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "credit-files"]
