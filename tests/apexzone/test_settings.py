"""The settings' embedded default, the SECRET_KEY guard, /healthz and createcoach."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from athletes.models import User

ROOT = Path(__file__).resolve().parents[2]


def settings_in_a_fresh_process(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}}
    code = ("import django, json; from django.conf import settings; django.setup(); "
            "print(json.dumps([settings.DATABASES['default']['ENGINE'], "
            "str(settings.DATABASES['default']['NAME']), settings.CELERY_TASK_ALWAYS_EAGER, "
            "settings.CACHES['default']['BACKEND']]))")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**clean, "DJANGO_SETTINGS_MODULE": "apexzone.settings", **env},
    )


def test_with_nothing_set_it_uses_sqlite_under_var_and_eager_celery():
    result = settings_in_a_fresh_process(DEBUG="true")
    assert result.returncode == 0, result.stderr
    engine, name, eager, cache = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert name == str(ROOT / "var" / "apexzone.sqlite3")
    assert eager is True
    assert cache.endswith("LocMemCache")


def test_with_redis_set_celery_uses_the_broker_and_the_cache_is_redis():
    result = settings_in_a_fresh_process(DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/0")
    _, _, eager, cache = json.loads(result.stdout)
    assert eager is False and cache.endswith("RedisCache")


def test_with_debug_off_it_refuses_to_start_without_a_secret_key():
    result = settings_in_a_fresh_process(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_deploy_check_is_clean_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**{k: v for k, v in os.environ.items()
                if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},  # the browser tests' flag
             "DEBUG": "false", "SECRET_KEY": "x" * 20 + "-production-grade-secret-key-9f8e7d6c5b",
             "ALLOWED_HOSTS": "apexzone.example.com"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_answers_200_when_all_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_names_what_is_down(client):
    with mock.patch("apexzone.health._database_ok", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


@pytest.mark.django_db
def test_healthz_checks_the_broker_when_there_is_one(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["down"] == ["broker"]


@pytest.mark.django_db
def test_createcoach_makes_a_coach():
    call_command("createcoach", "--email", "Head@Example.com", "--password",
                 "a-long-coach-password-7", stdout=StringIO())
    coach = User.objects.get(email="head@example.com")
    assert coach.is_coach and coach.is_staff and coach.rosters.exists()


@pytest.mark.django_db
def test_createcoach_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command("createcoach", "--email", "x@example.com", "--password", "123",
                     stdout=StringIO())


def test_the_embedded_default_needs_no_service():
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not os.environ.get("REDIS_URL"))


@pytest.mark.django_db
def test_postgresql_connections_have_jit_off(postgres: None) -> None:
    """The nightly pass's chunk reads would be JIT-compiled on a large population."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
