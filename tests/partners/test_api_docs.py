"""The API's documentation as a reader meets it: the docs page and schema are never rate-limited, and the
README's token command works as written."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

README = Path(django_settings.BASE_DIR) / "README.md"


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/docs/?script=", "/api/v1/schema/"])
def test_docs_and_schema_are_not_throttled(client, settings, path):
    settings.PORTAL_API_RATES = {"partner": "1/minute", "anonymous": "1/minute"}
    statuses = {client.get(path).status_code for _ in range(4)}
    assert statuses == {200}
    assert client.get("/api/v1/topics/").status_code == 200
    assert client.get("/api/v1/topics/").status_code == 429, "the API itself is still rate-limited"


def test_readme_token_command_runs_as_written():
    """The command as the README prints it, with nothing else in the environment than a shell has."""
    block = re.search(r"```sh\n\s*([^`]*?manage\.py create_partner_token[^`]*?)\n\s*export TOKEN", README.read_text())
    assert block, "the README shows how to create a token"
    words = shlex.split(block.group(1).replace("\\\n", " "))
    env_words = [w for w in words if re.fullmatch(r"[A-Z_]+=\S*", w)]
    command = words[len(env_words) :]
    assert command[:3] == [".venv/bin/python", "manage.py", "create_partner_token"]
    env = {"PATH": os.environ["PATH"], **dict(w.split("=", 1) for w in env_words)}
    checked = subprocess.run(
        [sys.executable, "manage.py", "create_partner_token", "--help"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    options = {w.split("=")[0] for w in command[3:] if w.startswith("--")}
    assert options <= set(re.findall(r"--[a-z-]+", checked.stdout))
