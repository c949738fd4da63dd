"""No Docker engine runs here, so the production stack is checked by reading it."""

import yaml

from tests.helpers import BASE_DIR


def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "postgres", "redis"):
        assert "healthcheck" in services[name], name


def test_web_worker_beat_commands():
    services = compose()["services"]
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "creditdesk.wsgi" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "creditdesk", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "creditdesk", "beat"]


def test_app_services_share_one_env_and_wait_for_healthy_dependencies():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        svc = services[name]
        assert svc["env_file"] == [".env"], name
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert svc["depends_on"]["redis"]["condition"] == "service_healthy"
        # Throttling and lockout counts shared by every process, not one per gunicorn worker.
        assert svc["environment"]["CACHE_URL"].endswith("redis://redis:6379/1}")


def test_data_lives_in_volumes():
    doc = compose()
    assert {"pgdata", "media"} <= set(doc["volumes"])
    assert any("pgdata:" in v for v in doc["services"]["postgres"]["volumes"])


def test_example_env_names_every_required_production_setting():
    text = (BASE_DIR / ".env.example").read_text()
    for name in (
        "DEBUG=false",
        "SECRET_KEY=",
        "ALLOWED_HOSTS=",
        "DATABASE_URL=postgres://",
        "CELERY_BROKER_URL=redis://",
    ):
        assert name in text, name


def test_dockerfile_installs_cjk_fonts_and_harfbuzz_subset():
    text = (BASE_DIR / "Dockerfile").read_text()
    assert "fonts-noto-cjk" in text
    assert "libharfbuzz-subset0" in text
