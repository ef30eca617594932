import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_check({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_starts_with_debug_on_and_no_secret_key():
    result = run_check({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _setting(name, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_")) and k != "DATABASE_URL"}
    env.update(env_overrides)
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_webhooks_reach_private_addresses_in_development_only():
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}
    assert _setting("PORTAL_WEBHOOKS_ALLOW_PRIVATE", {"DJANGO_DEBUG": "1"}) == "True"  # make run
    assert _setting("PORTAL_WEBHOOKS_ALLOW_PRIVATE", production) == "False"
    assert _setting("PORTAL_WEBHOOKS_ALLOW_PRIVATE", {**production, "PORTAL_WEBHOOKS_ALLOW_PRIVATE": "1"}) == "True"


def test_make_run_gives_the_site_the_address_it_serves():
    # The dry run prints each command of `make run` without running it (nor the install it depends on).
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "install", "run", "PORT=8123", "HOST=localhost"],
        cwd=ROOT,
        # Make takes its defaults from the environment: none of those that would move the address or the venv.
        env={k: v for k, v in os.environ.items() if k not in ("PORTAL_BASE_URL", "HOST", "PORT", "VENV", "PY")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert [line.split(" .venv/bin/python ")[0] for line in commands] == [
        "DJANGO_DEBUG=1 PORTAL_BASE_URL=http://localhost:8123"
    ] * 4
    assert commands[-1].endswith("manage.py devserver localhost:8123")
    served = dict(assignment.split("=", 1) for assignment in commands[-1].split(" .venv/")[0].split())
    # What the site then writes in full links is that address.
    assert _setting("PORTAL_BASE_URL", served) == "http://localhost:8123"
