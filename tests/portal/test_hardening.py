"""Production hardening: security headers, upload limits, logging, and a tested backup and restore."""

import io
import json
import logging
import os
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from PIL import Image

from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


def test_security_headers_and_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_type_needs_inline_script(demo, client):
    for url in ["/", "/events/igf-21st-agm/", "/news/irma-engagement-at-igf-annual-general-meeting/", "/api/v1/docs/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url


def png(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def post_organization(staff_client, logo):
    return staff_client.post(
        reverse("admin:members_organization_add"),
        {
            "name": "Uploader",
            "slug": "uploader",
            "type": "ngo",
            "country": "CH",
            "language": "en",
            "logo": logo,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )


def test_logo_upload_accepts_a_small_png(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post_organization(staff_client, SimpleUploadedFile("logo.png", png(), content_type="image/png"))
    assert Organization.objects.get(slug="uploader").logo.name.startswith("logos/")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("logo.svg", b"<svg onload='x'/>", content_type="image/svg+xml"),
            "Upload a valid image",
        ),
        (lambda: SimpleUploadedFile("logo.png", b"not an image", content_type="image/png"), "Upload a valid image"),
        (
            lambda: SimpleUploadedFile("logo.png", png() + b"\0" * (2 * 1024 * 1024 + 1), content_type="image/png"),
            "the limit is 2 MB",
        ),
    ],
)
def test_logo_upload_refusals_are_clear(staff_client, settings, tmp_path, upload, message):
    settings.MEDIA_ROOT = tmp_path
    response = post_organization(staff_client, upload())
    assert message in response.content.decode()
    assert not Organization.objects.filter(slug="uploader").exists()


def test_publication_file_type_is_limited(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = staff_client.post(
        reverse("admin:publications_publication_add"),
        {
            "title": "Report",
            "slug": "report",
            "type": "report",
            "language": "en",
            "file": SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream"),
            "publication_organizations-TOTAL_FORMS": 0,
            "publication_organizations-INITIAL_FORMS": 0,
            "publication_people-TOTAL_FORMS": 0,
            "publication_people-INITIAL_FORMS": 0,
        },
    )
    assert "File extension \u201cexe\u201d is not allowed" in response.content.decode()


def test_json_log_lines(capsys):
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"})
    )
    logger = logging.getLogger("portal.test")
    logger.addHandler(handler)
    try:
        logger.warning("registration refused", extra={"event": "igf-21st-agm"})
    finally:
        logger.removeHandler(handler)
    record = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert record["level"] == "WARNING" and record["event"] == "igf-21st-agm"


PG_BIN = "/usr/lib/postgresql/15/bin"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump round trip needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_backup_with_pg_dump_and_restore(tmp_path):
    """The recipe in docs/deployment.md, run for real: dump, restore into a new database, compare."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    factories.OrganizationFactory(name="Written just before the backup")
    params = connection.get_connection_params()
    env = {**os.environ, "PGPASSWORD": params.get("password") or ""}
    common = [
        "-h",
        params.get("host") or "127.0.0.1",
        "-p",
        str(params.get("port") or 5432),
        "-U",
        params.get("user") or "postgres",
    ]
    dump = tmp_path / "portal.dump"
    pg = shutil.which("pg_dump", path=PG_BIN) or "pg_dump"
    subprocess.run(
        [pg, *common, "--format=custom", "--no-owner", "-f", str(dump), params["dbname"]],
        check=True,
        env=env,
        timeout=120,
    )
    restored = params["dbname"] + "_restore"
    subprocess.run([f"{PG_BIN}/createdb", *common, restored], check=True, env=env, timeout=60)
    try:
        subprocess.run(
            [f"{PG_BIN}/pg_restore", *common, "--no-owner", "-d", restored, str(dump)], check=True, env=env, timeout=120
        )

        def count(db, table):
            out = subprocess.run(
                [f"{PG_BIN}/psql", *common, "-d", db, "-At", "-c", f"SELECT count(*) FROM {table}"],
                check=True,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            return int(out.stdout.strip())

        for table in [
            "members_organization",
            "events_participation",
            "publications_publication",
            "django_migrations",
        ]:
            assert count(restored, table) == count(params["dbname"], table) > 0, table
        names = subprocess.run(
            [
                f"{PG_BIN}/psql",
                *common,
                "-d",
                restored,
                "-At",
                "-c",
                "SELECT name FROM members_organization WHERE name LIKE 'Written just%'",
            ],
            check=True,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        assert "Written just before the backup" in names
    finally:
        subprocess.run([f"{PG_BIN}/dropdb", *common, "--if-exists", restored], env=env, timeout=60)
