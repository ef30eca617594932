"""Two app servers, one PostgreSQL, one Redis: what one server counts or changes, the other knows at once.

Each test starts two gunicorn servers with production settings (DEBUG off) on the test database and the
throwaway Redis that scripts/test.sh provides (REDIS_URL), as docs/deployment.md describes for several hosts.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from events import services
from tests import factories

pytestmark = [
    pytest.mark.multi_server,
    pytest.mark.django_db(transaction=True),  # the servers read what this process commits
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share one PostgreSQL database"),
]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PUBLIC_HOST = "127.0.0.1"


def fetch(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None):
    """(status, headers, body) of one request; 4xx and 5xx are answers here, not exceptions."""
    data = json.dumps(body).encode() if body is not None else None
    # Behind one load balancer both servers see the site's public address, not their own ports: pages and
    # API answers carry absolute links, so the page cache keys on that address.
    request = urllib.request.Request(url, data=data, method=method, headers={"Host": PUBLIC_HOST, **(headers or {})})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_database_url() -> str:
    db = connection.settings_dict  # pytest-django's test database, not the one DATABASE_URL names
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.fail("REDIS_URL is unset: run the suite through scripts/test.sh, which starts a throwaway Redis.")
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()  # no rate-limit counts or pages from an earlier test
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def start_servers(redis_url, tmp_path):
    """start_servers(**environment) -> the base URLs of two gunicorn servers sharing the database and Redis."""
    started: list[subprocess.Popen] = []
    static_root = Path(settings.STATIC_ROOT)
    if not (static_root / "staticfiles.json").exists():  # scripts/test-inner.sh collects once for the suite
        static_root = tmp_path / "static"
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env={**os.environ, "DJANGO_STATIC_ROOT": str(static_root)},
            check=True,
        )

    def start(**environment) -> list[str]:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "multi-server-test-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "DJANGO_STATIC_ROOT": str(static_root),
            "DATABASE_URL": _test_database_url(),
            "DJANGO_CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
            "DJANGO_CACHE_LOCATION": redis_url,
            "PORTAL_PAGE_CACHE_SECONDS": "60",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_LOG_LEVEL": "ERROR",
            **environment,
        }
        urls, logs = [], []
        for name in ("a", "b"):
            port = _free_port()
            logs.append(tmp_path / f"server-{name}-{len(started)}.log")
            log = logs[-1].open("w")
            started.append(
                subprocess.Popen(
                    [str(GUNICORN), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, server, log in zip(urls, started[-2:], logs, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    if fetch(url + "/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server at {url} did not start:\n{log.read_text()}")
                time.sleep(0.2)
        return urls

    yield start
    for server in started:  # before pytest-django empties and drops the database they are connected to
        server.terminate()
    for server in started:
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_an_api_rate_limit_holds_across_both_servers_together(start_servers):
    """Six requests a minute for one client address, counted once for the whole site, not per server."""
    a, b = start_servers(PORTAL_API_RATE_ANONYMOUS="6/minute")
    factories.TopicFactory()
    answers = []
    for i in range(8):
        # Alternate servers; a new query string each time, because cached pages are served before any limit.
        status, _headers, body = fetch(f"{(a, b)[i % 2]}/api/v1/topics/?offset={i}")
        answers.append((status, json.loads(body)))

    assert [status for status, _body in answers] == [200] * 6 + [429, 429], (
        "each server saw only four requests: a limit counted per server would have let all eight through"
    )
    assert [(body["code"], body["errors"]) for _status, body in answers[6:]] == [("throttled", {})] * 2


def _h1(html: bytes) -> str:
    return re.search(r"<h1>(.*?)</h1>", html.decode(), re.S).group(1).strip()


def test_a_change_through_one_server_shows_at_once_on_the_other(staff, start_servers, make_token):
    a, b = start_servers(PORTAL_API_RATE_ANONYMOUS="1000/minute", PORTAL_API_RATE_PARTNER="1000/minute")
    partner = factories.OrganizationFactory()
    session = factories.SessionFactory(title="Tailings governance")
    factories.SessionOrganizationFactory(session=session, organization=partner)
    api, page = f"/api/v1/sessions/{session.pk}/", session.get_absolute_url()

    # One page cache for both: what server A rendered, server B serves.
    first, second = fetch(a + api), fetch(b + api)
    assert (first[0], first[1]["X-Page-Cache"], second[0], second[1]["X-Page-Cache"]) == (200, "miss", 200, "hit")
    assert json.loads(second[2])["title"] == "Tailings governance"
    assert fetch(b + page)[1]["X-Page-Cache"] == "miss"
    assert (fetch(a + page)[1]["X-Page-Cache"], _h1(fetch(a + page)[2])) == ("hit", "Tailings governance")

    # The partner edits the session through server A. A partner's change to an approved session goes back to
    # review, so anonymous visitors of server B stop seeing it on their next request, cached pages or not.
    status, _headers, body = fetch(
        a + api, "PATCH", {"title": "Tailings governance after Geneva"}, {"Authorization": make_token(partner)}
    )
    assert (status, json.loads(body)["title"]) == (200, "Tailings governance after Geneva")
    assert [fetch(b + path)[0] for path in (api, page)] == [404, 404]

    # Staff approve it and change it again behind both servers' backs (service calls here): both show it at once.
    session.refresh_from_db()
    services.session_approve(session=session, by=staff)
    session.refresh_from_db()
    services.session_update(session=session, by=staff, title="Traceability and circularity")
    assert [json.loads(fetch(url + api)[2])["title"] for url in (b, a)] == ["Traceability and circularity"] * 2
    assert [_h1(fetch(url + page)[2]) for url in (a, b)] == ["Traceability and circularity"] * 2
