"""An event's programme: by day and slot with parallel sessions, now and next, the personal agenda's .ics,
per-session outputs, calendar links, the venue on a map, and a series' archive."""

import datetime
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events import programme
from events.models import Event, Session, SessionOutput
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2030, 6, day, hour, minute, tzinfo=ZURICH)


def two_day_event(**kwargs) -> Event:
    event = factories.EventFactory(
        title="Forum on minerals", starts_at=at(10, 8), ends_at=at(11, 18), venue="Palais des Nations", **kwargs
    )
    for title, room, starts, ends in [
        ("Opening plenary", "Room XX", at(10, 9), at(10, 10)),
        ("Traceability", "Room XX", at(10, 11), at(10, 12)),
        ("Circularity", "Room XIX", at(10, 11, 30), at(10, 12, 30)),
        ("Closing", "Room XX", at(11, 9), at(11, 10)),
    ]:
        factories.SessionFactory(event=event, title=title, room=room, starts_at=starts, ends_at=ends)
    return event


def programme_of(client, event) -> list:
    """(day heading, [(slot time, parallel?, [(title, room)])]) as the page shows them."""
    main = parse(client.get(reverse("events:event-programme", args=[event.slug])).content).find("main")
    days = []
    for day in main.find_all("section", class_="programme-day"):
        slots = []
        for slot in [div for div in day.find_all("div") if div.attrs.get("class", "").startswith("programme-slot")]:
            cards = slot.find_all("article")
            slots.append(
                (
                    slot.find("p", class_="slot-time").text,
                    "parallel" in slot.attrs["class"],
                    [(card.find("h3").text, card.find("span", class_="room").text) for card in cards],
                )
            )
        days.append((day.find("h2").text, slots))
    return days


def test_programme_by_day_and_slot_puts_parallel_sessions_together(client):
    event = two_day_event()
    factories.SessionFactory(event=event, title="Proposed", status=Session.Status.PROPOSED, starts_at=at(10, 15))
    assert programme_of(client, event) == [
        (
            "Monday 10 June 2030",
            [
                ("9 a.m. \u2013 10 a.m.", False, [("Opening plenary", "Room XX")]),
                (
                    "11 a.m. \u2013 12:30 p.m. · 2 sessions in parallel",
                    True,
                    [("Traceability", "Room XX"), ("Circularity", "Room XIX")],
                ),
            ],
        ),
        ("Tuesday 11 June 2030", [("9 a.m. \u2013 10 a.m.", False, [("Closing", "Room XX")])]),
    ]


def test_each_day_is_a_grid_with_a_column_per_room_that_a_room_keeps_all_day(client):
    event = two_day_event()
    factories.SessionFactory(event=event, title="Lunch", room="", starts_at=at(10, 13), ends_at=at(10, 14))
    main = parse(client.get(reverse("events:event-programme", args=[event.slug])).content).find("main")
    grid = [
        (
            day.attrs["data-columns"],
            [head.text for head in day.find_all("span", class_="room-head")],
            [(card.find("h3").text, card.attrs["data-column"]) for card in day.find_all("article")],
        )
        for day in main.find_all("section", class_="programme-day")
    ]
    assert grid == [
        (
            "2",
            ["Room XX", "Room XIX"],
            [
                ("Opening plenary", "1"),
                ("Traceability", "1"),
                ("Circularity", "2"),
                # No room: across every column.
                ("Lunch", "0"),
            ],
        ),
        # One room: one column, no heads over it.
        ("1", [], [("Closing", "1")]),
    ]


def test_a_day_with_more_rooms_than_columns_wraps_them_in_room_order():
    event = factories.EventFactory(starts_at=at(10, 8), ends_at=at(10, 18))
    sessions = [
        factories.SessionFactory(
            event=event, title=f"Talk {n}", room=f"Room {n}", starts_at=at(10, 9), ends_at=at(10, 10)
        )
        for n in range(1, programme.MAX_ROOM_COLUMNS + 3)
    ]
    (day,) = programme.programme_days(event, sessions)
    assert (day.columns, day.room_heads) == (programme.MAX_ROOM_COLUMNS, [])
    assert [placed.column for placed in day.slots[0].placed] == [1, 2, 3, 4, 5, 6, 1, 2]


def test_programme_times_are_in_the_events_zone_with_the_moment_for_the_visitors_own(client):
    event = two_day_event()
    main = parse(client.get(reverse("events:event-programme", args=[event.slug])).content).find("main")
    first = main.find("article", id=f"session-{event.sessions.get(title='Opening plenary').pk}")
    times = first.find("p", class_="meta session-when").find_all("time")
    assert [(t.text, t.attrs["datetime"]) for t in times] == [
        ("9 a.m.", "2030-06-10T09:00:00+02:00"),
        ("10 a.m.", "2030-06-10T10:00:00+02:00"),
    ]
    article = main.find("article", class_="programme")
    assert (article.attrs["data-zone"], article.attrs["data-your-time"]) == ("Europe/Zurich", "your time")


@pytest.mark.parametrize("rows", [1, 3])
def test_programme_query_count_is_flat(client, rows, django_assert_num_queries):
    event = factories.EventFactory()
    for _ in range(rows):
        session = factories.SessionFactory(event=event)
        factories.SessionOrganizationFactory(session=session)
        factories.ParticipationFactory(session=session)
        factories.SessionOutputFactory(session=session)
        factories.PublicationFactory(launched_at=session)
    with django_assert_num_queries(11):
        response = client.get(reverse("events:event-programme", args=[event.slug]))
    assert len(parse(response.content).find_all("article", class_="card programme-session")) == rows


def test_now_and_next_while_the_event_runs(client):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    event = factories.EventFactory(starts_at=now - 3 * hour, ends_at=now + 5 * hour)
    running = factories.SessionFactory(event=event, title="Under way", starts_at=now - hour, ends_at=now + hour)
    factories.SessionFactory(event=event, title="Done", starts_at=now - 3 * hour, ends_at=now - 2 * hour)
    factories.SessionFactory(event=event, title="Next A", starts_at=now + 2 * hour, ends_at=now + 3 * hour)
    factories.SessionFactory(event=event, title="Next B", starts_at=now + 2 * hour, ends_at=now + 3 * hour)
    factories.SessionFactory(event=event, title="Later", starts_at=now + 4 * hour, ends_at=now + 5 * hour)
    main = parse(client.get(reverse("events:event-programme", args=[event.slug])).content).find("main")
    box = main.find("section", class_="now-next")
    now_list, next_list = box.find_all("ul")
    assert [a.text for a in now_list.find_all("a")] == ["Under way"]
    assert [a.text for a in next_list.find_all("a")] == ["Next A", "Next B"]
    assert main.find("article", id=f"session-{running.pk}").attrs["class"] == "card programme-session is-now"


def test_no_now_and_next_before_or_after_the_event(client):
    event = two_day_event()
    main = parse(client.get(reverse("events:event-programme", args=[event.slug])).content).find("main")
    assert main.find_all("section", class_="now-next") == []
    assert programme.now_and_next(event, list(event.sessions.all()), now=at(10, 11, 45)).now == list(
        event.sessions.filter(title__in=["Traceability", "Circularity"]).order_by("starts_at")
    )


def test_personal_agenda_ics_has_the_starred_sessions_the_visitor_may_see(client):
    event = two_day_event()
    opening, traceability = event.sessions.get(title="Opening plenary"), event.sessions.get(title="Traceability")
    proposed = factories.SessionFactory(event=event, status=Session.Status.PROPOSED, starts_at=at(10, 15))
    elsewhere = factories.SessionFactory()
    ids = ",".join(str(s.pk) for s in (traceability, opening, proposed, elsewhere))
    response = client.get(reverse("events:agenda-ics", args=[event.slug]) + f"?sessions={ids}")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "My agenda: Forum on minerals"
    assert [(str(v["SUMMARY"]), v["DTSTART"].dt) for v in calendar.walk("VEVENT")] == [
        ("Opening plenary", at(10, 9)),
        ("Traceability", at(10, 11)),
    ]
    assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]


def test_personal_agenda_ics_is_in_the_language_of_its_address(client):
    event = two_day_event(title_es="Foro sobre minerales")
    opening = event.sessions.get(title="Opening plenary")
    opening.title_es, opening.summary_es = "Plenaria de apertura", "Bienvenida."
    opening.save()
    factories.ParticipationFactory(
        session=opening, role="opener", person__given_name="Ana", person__family_name="Ruiz", printed_title="Chair"
    )
    response = client.get(f"/es/events/{event.slug}/agenda.ics?sessions={opening.pk}")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert (str(calendar["X-WR-CALNAME"]), str(vevent["SUMMARY"])) == (
        "Mi agenda: Foro sobre minerales",
        "Plenaria de apertura",
    )
    assert str(vevent["DESCRIPTION"]).splitlines() == [
        "Bienvenida.",
        "",
        "En el marco del evento «Foro sobre minerales».",
        "",
        "Ponentes:",
        "- Ana Ruiz (Apertura), Chair, Somewhere",
    ]


@pytest.mark.parametrize("query", ["", "?sessions=", "?sessions=1,x", "?sessions=-1", "?sessions=" + "1," * 201])
def test_personal_agenda_bad_input_is_a_400(client, query):
    event = two_day_event()
    response = client.get(reverse("events:agenda-ics", args=[event.slug]) + query)
    assert response.status_code == 400
    assert response.content.decode() == "Give the sessions as numbers separated by commas, e.g. ?sessions=1,2,3."


def test_agenda_of_a_members_only_event_is_not_found_for_visitors(client):
    event = two_day_event(visibility=Event.Visibility.MEMBERS)
    ids = ",".join(str(pk) for pk in event.sessions.values_list("pk", flat=True))
    assert client.get(reverse("events:agenda-ics", args=[event.slug]) + f"?sessions={ids}").status_code == 404


def test_session_outputs_and_launched_publications_on_the_programme_and_the_session_page(client):
    event = two_day_event()
    session = event.sessions.get(title="Traceability")
    factories.SessionOutputFactory(session=session, kind=SessionOutput.Kind.SLIDES, url="https://example.org/s.pdf")
    factories.SessionOutputFactory(
        session=session, kind=SessionOutput.Kind.SUMMARY, url="", text="We agreed on three steps.", invented=True
    )
    report = factories.PublicationFactory(title="Traceability report", launched_at=session)
    factories.PublicationFactory(title="Draft", launched_at=session, status="draft", published_on=None)

    page = client.get(reverse("events:event-programme", args=[event.slug])).content
    items = parse(page).find("main").find("article", id=f"session-{session.pk}").find("ul", class_="outputs")
    assert [(li.attrs["class"], li.text) for li in items.find_all("li")] == [
        ("output output-slides", "Slides"),
        ("output output-summary", "Summary: Invented for the demo We agreed on three steps."),
        ("output output-publication", "Launched here: Traceability report"),
    ]
    assert [a.attrs["href"] for a in items.find_all("a")] == ["https://example.org/s.pdf", report.get_absolute_url()]
    session_page = parse(client.get(session.get_absolute_url()).content).find("main")
    assert [li.text for li in session_page.find("ul", class_="outputs").find_all("li")] == [
        "Slides",
        "Summary: Invented for the demo We agreed on three steps.",
    ]


def test_session_outputs_read_in_the_page_language_and_fall_back_to_english(client):
    event = two_day_event()
    session = event.sessions.get(title="Traceability")
    factories.SessionOutputFactory(
        session=session,
        kind=SessionOutput.Kind.RECORDING,
        url="https://example.org/r",
        title_en="Full recording",
        title_fr="Enregistrement complet",
    )
    factories.SessionOutputFactory(
        session=session, kind=SessionOutput.Kind.SUMMARY, url="", text_en="Three steps.", text_es="Tres pasos."
    )

    url = session.get_absolute_url()  # before any request: a /fr/ request leaves this thread in French

    def outputs(language):
        prefix = "" if language == "en" else f"/{language}"
        page = parse(client.get(prefix + url).content).find("main")
        return [li.text for li in page.find("ul", class_="outputs").find_all("li")]

    assert [outputs(language) for language in ("en", "fr", "es")] == [
        ["Recording: Full recording", "Summary: Three steps."],
        ["Enregistrement : Enregistrement complet", "Résumé : Three steps."],
        ["Grabación: Full recording", "Resumen: Tres pasos."],
    ]


def test_event_page_links_the_programme_a_map_and_calendars(client):
    event = two_day_event(address="Avenue de la Paix 14", dates_invented=True)
    main = parse(client.get(event.get_absolute_url()).content).find("main")
    links = {a.text: a.attrs["href"] for a in main.find_all("a")}
    assert links["Programme"] == reverse("events:event-programme", args=[event.slug])
    osm = urlsplit(links["Map (OpenStreetMap)"])
    assert (osm.netloc, parse_qs(osm.query)) == (
        "www.openstreetmap.org",
        {"query": ["Palais des Nations, Avenue de la Paix 14, Geneva, Switzerland"]},
    )
    assert links["Subscribe (webcal)"] == f"webcal://testserver/events/{event.slug}/event.ics"
    assert links["Add to calendar (.ics)"] == f"/events/{event.slug}/event.ics"
    programme_links = {
        a.text: a.attrs["href"] for a in parse(client.get(links["Programme"]).content).find("main").find_all("a")
    }
    assert programme_links["Download (.ics)"] == f"http://testserver/events/{event.slug}/event.ics"
    google = urlsplit(links["Google Calendar"])
    assert (google.netloc, google.path) == ("calendar.google.com", "/calendar/render")
    query = {k: v[0] for k, v in parse_qs(google.query).items()}
    assert (query["action"], query["text"], query["dates"], query["ctz"]) == (
        "TEMPLATE",
        "Forum on minerals",
        "20300610T060000Z/20300611T160000Z",
        "Europe/Zurich",
    )
    assert query["details"] == (
        f"Invented for the demo: the dates and times.\n\nhttp://testserver{event.get_absolute_url()}"
    )
    assert query["location"] == "Palais des Nations, Avenue de la Paix 14, Geneva, Switzerland"
    outlook = urlsplit(links["Outlook"])
    query = {k: v[0] for k, v in parse_qs(outlook.query).items()}
    assert (outlook.netloc, query["subject"], query["startdt"], query["enddt"]) == (
        "outlook.live.com",
        "Forum on minerals",
        "2030-06-10T06:00:00+00:00",
        "2030-06-11T16:00:00+00:00",
    )


def test_online_event_has_no_map(client):
    event = factories.EventFactory(format=Event.Format.ONLINE, city="", country="")
    main = parse(client.get(event.get_absolute_url()).content).find("main")
    assert "Map (OpenStreetMap)" not in [a.text for a in main.find_all("a")]


def test_demo_programme_marks_the_invented_time(demo, client):
    main = parse(client.get(reverse("events:event-programme", args=["igf-21st-agm"])).content).find("main")
    (card,) = main.find_all("article", class_="card programme-session")
    assert card.find("h3").text == "Strategies for Strengthening Traceability and Circularity"
    assert card.find("p", class_="meta session-when").text == "1:15 p.m. \u2013 2:45 p.m. Invented for the demo"
    assert [li.text for li in card.find("ul", class_="outputs").find_all("li")] == [
        "Launched here: From Mine to Market: Using Traceability to Fight Mineral Sector Corruption"
    ]


# --- a series' archive --------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_series_page_query_count_is_flat(client, rows, django_assert_num_queries):
    series = factories.EventSeriesFactory(name="Annual General Meeting")
    for _ in range(rows):
        factories.EventOrganizationFactory(event=factories.EventFactory(series=series))
    with django_assert_num_queries(7):
        response = client.get(reverse("events:series-detail", args=[series.slug]))
    assert len(parse(response.content).find("main").find_all("article", class_="card")) == rows


def test_series_page_lists_the_editions_the_visitor_may_see_latest_first(client):
    series = factories.EventSeriesFactory(name="Annual General Meeting", acronym="AGM")
    now = timezone.now()
    old = factories.EventFactory(series=series, title="20th AGM", starts_at=now - datetime.timedelta(days=400))
    new = factories.EventFactory(series=series, title="21st AGM", starts_at=now - datetime.timedelta(days=30))
    factories.EventFactory(series=series, title="Draft AGM", status=Event.Status.DRAFT)
    factories.EventFactory(series=series, title="Members' AGM", visibility=Event.Visibility.MEMBERS)
    factories.EventFactory(title="Another series")
    main = parse(client.get(reverse("events:series-detail", args=[series.slug])).content).find("main")
    assert main.find("h1").text == "Annual General Meeting (AGM)"
    assert [(h.text, h.find("a").attrs["href"]) for h in main.find_all("h3")] == [
        ("21st AGM", new.get_absolute_url()),
        ("20th AGM", old.get_absolute_url()),
    ]
    assert client.get(reverse("events:series-detail", args=["nope"])).status_code == 404
    event_page = parse(client.get(new.get_absolute_url()).content).find("main")
    assert ("Annual General Meeting", reverse("events:series-detail", args=[series.slug])) in [
        (a.text, a.attrs["href"]) for a in event_page.find_all("a")
    ]
