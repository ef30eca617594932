"""The programme in Chromium: no sideways scrolling at a phone's or a desktop's width, parallel sessions side by
side only on the wide screen, the visitor's own time beside the event's, and a starred agenda to export."""

import datetime
import zoneinfo

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2030, 6, 10, hour, minute, tzinfo=ZURICH)


@pytest.fixture
def forum():
    event = factories.EventFactory(
        slug="forum", title="Forum on minerals", starts_at=at(8), ends_at=at(18), venue="Palais des Nations"
    )
    sessions = [
        factories.SessionFactory(
            event=event,
            title="Traceability of cobalt and lithium in artisanal and small-scale mining supply chains",
            room="Room XX",
            starts_at=at(11),
            ends_at=at(12),
        ),
        factories.SessionFactory(
            event=event, title="Circularity", room="Room XIX", starts_at=at(11), ends_at=at(12, 30)
        ),
    ]
    for session in sessions:
        factories.ParticipationFactory(session=session, printed_title="Director, a very long organisation name")
    return event, sessions


def boxes(page, sessions):
    return [page.locator(f"#session-{session.pk}").bounding_box() for session in sessions]


@pytest.mark.parametrize("width", [390, 1280])
def test_programme_fits_the_screen_with_parallel_sessions_side_by_side_only_when_wide(
    browser, live_server, source_static, forum, width
):
    event, sessions = forum
    context = browser.new_context(
        locale="en-GB", timezone_id="America/New_York", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.slug}/programme/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    first, second = boxes(page, sessions)
    if width == 1280:
        assert first["y"] == second["y"] and second["x"] >= first["x"] + first["width"]
    else:
        assert second["y"] >= first["y"] + first["height"] and first["x"] == second["x"]
    # The visitor's own time, beside the event's: 11:00 in Geneva is 05:00 in New York.
    assert page.locator(f"#session-{sessions[0].pk} .session-when .visitor-time").first.inner_text() == (
        " (05:00 AM your time)"
    )
    context.close()


def test_starred_sessions_are_remembered_and_exported(page, live_server, forum):
    event, sessions = forum
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/events/{event.slug}/programme/")
    export = page.locator(".agenda-export")
    assert export.get_attribute("href") is None
    page.locator(f"#session-{sessions[1].pk} button.star").click()
    assert page.locator(f"#session-{sessions[1].pk} button.star").get_attribute("aria-pressed") == "true"
    assert export.get_attribute("href") == f"/events/{event.slug}/agenda.ics?sessions={sessions[1].pk}"
    page.reload()
    assert export.get_attribute("href") == f"/events/{event.slug}/agenda.ics?sessions={sessions[1].pk}"
    with page.expect_download() as download:
        export.click()
    assert b"SUMMARY:Circularity" in open(download.value.path(), "rb").read()  # noqa: SIM115


def test_programme_without_javascript_shows_the_events_times_only(browser, live_server, source_static, forum):
    event, sessions = forum
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.slug}/programme/")
    assert page.locator(".visitor-time").count() == 0
    assert not page.locator(".my-agenda").is_visible() and not page.locator("button.star").first.is_visible()
    assert page.locator(f"#session-{sessions[0].pk} .session-when time").first.inner_text() == "11 a.m."
    context.close()
