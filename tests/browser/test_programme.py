"""The programme in Chromium: no sideways scrolling at a phone's or a desktop's width, parallel sessions side by
side only on the wide screen, the visitor's own time beside the event's, and a starred agenda to export."""

import datetime
import itertools
import zoneinfo

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@pytest.fixture
def rooms_day(forum):
    """The forum's two parallel sessions (Room XX, Room XIX at 11:00), then Room XIX again at 14:00 and a plenary
    without a room at 16:00."""
    event, (traceability, circularity) = forum
    later = factories.SessionFactory(
        event=event, title="Recycling targets", room="Room XIX", starts_at=at(14), ends_at=at(15)
    )
    plenary = factories.SessionFactory(event=event, title="Closing plenary", room="", starts_at=at(16), ends_at=at(17))
    return event, [traceability, circularity, later, plenary]


def test_the_programme_is_a_grid_of_slots_by_room_on_wide_screens_and_a_stack_on_phones(
    browser, live_server, source_static, rooms_day
):
    event, sessions = rooms_day
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.slug}/programme/")
    traceability, circularity, later, plenary = boxes(page, sessions)
    # Parallel sessions in different rooms: one row, two columns.
    assert traceability["y"] == circularity["y"] and circularity["x"] >= traceability["x"] + traceability["width"]
    assert traceability["width"] == circularity["width"]
    # A room keeps its column down the day, under its name; a session without a room spans every column.
    assert later["x"] == circularity["x"] and later["y"] > circularity["y"] + circularity["height"]
    heads = page.locator(".room-head")
    assert heads.all_inner_texts() == ["Room XX", "Room XIX"]
    assert [heads.nth(n).bounding_box()["x"] for n in range(2)] == [traceability["x"], circularity["x"]]
    assert (
        plenary["x"] == traceability["x"]
        and plenary["width"] == circularity["x"] + circularity["width"] - (traceability["x"])
    )
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag22aa"]}})
    assert violations.response["violations"] == []

    # A phone (600px and narrower): one column, in time then room order, no room heads, nothing wider than it.
    for width in (600, 390):
        page.set_viewport_size({"width": width, "height": 900})
        stacked = boxes(page, sessions)
        assert len({box["x"] for box in stacked}) == 1, width
        assert all(lower["y"] >= upper["y"] + upper["height"] for upper, lower in itertools.pairwise(stacked)), width
        assert not page.locator(".room-heads").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    context.close()


@pytest.mark.parametrize(
    ("language", "prefix", "your_time", "note"),
    [
        ("en", "", "your time", "In brackets: the time where you are: America/New_York."),
        ("fr", "/fr", "chez vous", "Entre parenthèses\u00a0: l'heure chez vous\u00a0: America/New_York."),
        ("es", "/es", "su hora", "Entre paréntesis: la hora donde usted está: America/New_York."),
    ],
)
def test_session_and_event_pages_show_the_visitors_own_time_beside_the_events(
    browser, live_server, source_static, forum, language, prefix, your_time, note
):
    event, sessions = forum
    context = browser.new_context(
        locale=language, timezone_id="America/New_York", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        # 11:00 to 12:00 in Geneva is 05:00 to 06:00 in New York.
        page.goto(f"{live_server.url}{prefix}/events/{event.slug}/sessions/{sessions[0].slug}/")
        starts_ends = page.locator("main dl.facts .visitor-time").all_inner_texts()
        hours = ["05:00 AM", "06:00 AM"] if language == "en" else ["05:00", "06:00"]
        assert starts_ends == [f" ({hour} {your_time})" for hour in hours]
        assert page.locator("main .visitor-zone").inner_text() == note

        # The event runs from 08:00 to 18:00 in Geneva (02:00 to 12:00 in New York); its sessions start at 11:00.
        page.goto(f"{live_server.url}{prefix}/events/{event.slug}/")
        hours = ["02:00 AM", "12:00 PM"] if language == "en" else ["02:00", "12:00"]
        assert page.locator("main dl.facts .visitor-time").all_inner_texts() == [
            f" ({hour} {your_time})" for hour in hours
        ]
        session_hour = "05:00 AM" if language == "en" else "05:00"
        assert (
            page.locator("main article.session .meta .visitor-time").all_inner_texts()
            == [f" ({session_hour} {your_time})"] * 2
        )
        assert page.locator("main .visitor-zone").inner_text() == note
    finally:
        context.close()


def test_session_page_speakers_have_their_initials_beside_them_without_sideways_scroll_at_320px(
    browser, live_server, source_static, forum
):
    event, sessions = forum
    context = browser.new_context(locale="en-GB", viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/events/{event.slug}/sessions/{sessions[0].slug}/")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
        speaker = page.locator("main li.speaker").first
        avatar, text = speaker.locator(".avatar-small").bounding_box(), speaker.locator(".speaker-text").bounding_box()
        assert (avatar["width"], avatar["height"]) == (40, 40)
        assert text["x"] >= avatar["x"] + avatar["width"] and text["y"] == avatar["y"]
        assert text["x"] + text["width"] <= 320
    finally:
        context.close()
