"""The demo as a visitor meets it: every fact from the news post as the post gives it, and every invented fact
marked "Invented for the demo" where it is shown (page, calendar file, JSON-LD, feed)."""

import feedparser
import icalendar
import pytest

from tests.events.test_views import DEMO_SESSION, jsonld_blocks
from tests.html import parse

pytestmark = pytest.mark.django_db

INVENTED = "Invented for the demo"
AGM = "/events/igf-21st-agm/"


def facts(page) -> dict[str, str]:
    """A page's fact list (<dl class="facts">) as {term: description}."""
    dl = page.find("dl", class_="facts")
    return dict(zip([dt.text for dt in dl.find_all("dt")], [dd.text for dd in dl.find_all("dd")], strict=True))


def section_items(page, heading: str) -> list[str]:
    section = next(s for s in page.find("main").find_all("section") if s.find("h2").text == heading)
    return [li.text for li in section.find_all("li")]


def test_the_agm_page_marks_its_invented_dates_and_shows_no_invented_languages(demo, client):
    page = parse(client.get(AGM).content)
    shown = facts(page)
    assert shown["Starts"].endswith(INVENTED) and shown["Ends"].endswith(INVENTED)
    assert shown["Venue"] == "Palais des Nations, Geneva, Switzerland · Map (OpenStreetMap)"
    assert "Languages" not in shown, "the post names no languages"
    main = page.find("main")
    assert main.find_all("div", class_="prose") == [], "no note in the description: the badges say it"
    organisations = page.find("ul", class_="logos")
    # The AGM is the IGF's; IRMA and UNEP co-organised one side session in it, and are named on that session.
    assert [li.text for li in organisations.find_all("li")] == [
        "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development Organiser",
    ]
    session = main.find("article", class_="card session")
    assert session.find("p", class_="meta").text.endswith(INVENTED)
    assert session.find("p", class_="meta organisers").text == (
        "UNEP (co-organiser, co-facilitator), IRMA (co-organiser, co-facilitator)"
    )


def test_the_session_page_marks_its_invented_time(demo, client):
    shown = facts(parse(client.get(DEMO_SESSION).content))
    assert shown["Starts"] == f"Nov. 11, 2025, 1:15 p.m. (UTC+01:00) {INVENTED}"
    assert shown["Ends"] == f"Nov. 11, 2025, 2:45 p.m. (UTC+01:00) {INVENTED}"
    assert shown["Time zone"] == "Europe/Zurich"


def test_calendar_files_and_json_ld_say_what_is_invented(demo, client):
    (vevent,) = icalendar.Calendar.from_ical(client.get(AGM + "event.ics").content).walk("VEVENT")
    lines = str(vevent["DESCRIPTION"]).splitlines()
    assert "Invented for the demo: the dates and times." in lines
    assert "Invented for the demo: the date and time." in lines
    assert "Co-organisers: UNEP (co-organiser, co-facilitator), IRMA (co-organiser, co-facilitator)." in lines
    assert sum(line.startswith("- Charlotte Ndakorerwa") for line in lines) == 1
    assert not [line for line in lines if "partner" in line.lower() and "Partner-led" not in line]

    (event_ld,) = jsonld_blocks(client.get(AGM).content.decode())
    assert event_ld["description"] == (
        "Value Beyond Extraction: Rethinking Mining for a Resilient Future Invented for the demo: the dates and times."
    )
    assert "inLanguage" not in event_ld
    assert [o["name"] for o in event_ld["organizer"]] == [
        "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development"
    ]
    (side_session,) = event_ld["subEvent"]
    assert [(o["organizer"]["name"], o["roleName"]) for o in side_session["organizer"]] == [
        ("UN Environment Programme", ["Co-organiser", "Co-facilitator"]),
        ("Initiative for Responsible Mining Assurance", ["Co-organiser", "Co-facilitator"]),
    ]


def test_organisation_and_people_pages_agree_with_the_post(demo, client):
    irma = parse(client.get("/organizations/irma/").content)
    assert section_items(irma, "Events") == [
        f"Responsible Minerals Consultation 2027 · Host · May 18, 2027 \u2013 May 19, 2027 {INVENTED}",
        f"Traceability in Practice: Members' Webinar · Host · Feb. 10, 2027 {INVENTED}",
    ]
    assert section_items(irma, "Sessions") == [
        "Strategies for Strengthening Traceability and Circularity · Co-organiser, Co-facilitator "
        "· IGF 21st Annual General Meeting"
    ]
    assert section_items(irma, "Publications") == [
        f"IRMA Engagement at IGF Annual General Meeting · Publisher · Nov. 20, 2025 {INVENTED}",
        "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption · Contributor "
        f"· Nov. 11, 2025 {INVENTED}",
    ]
    # The post gives no website address and does not say what kind of organisation IRMA is.
    assert [a.attrs["href"] for a in irma.find("main").find_all("a") if a.attrs["href"].startswith("http")] == []
    assert irma.find("main").find_all("p", class_="meta") == []
    unep = parse(client.get("/organizations/unep/").content)
    assert section_items(unep, "Events") == [
        f"Responsible Minerals Consultation 2027 · Partner · May 18, 2027 \u2013 May 19, 2027 {INVENTED}",
    ]
    assert section_items(unep, "Sessions") == section_items(irma, "Sessions")

    (irma_ld,) = jsonld_blocks(client.get("/organizations/irma/").content.decode())
    assert irma_ld["url"] == "http://testserver/organizations/irma/"
    # A type is shown only where the post's words give it: the IGF's name, "UN", "Ministry".
    types = {}
    for slug in (
        "irma",
        "igf",
        "unep",
        "uneca",
        "amdc",
        "argentina-environment-secretariat",
        "chile-ministry-of-mining",
        "natural-resources-canada",
        "nrgi",
        "global-battery-alliance",
        "expert-group-preventing-corruption-transition-minerals",
    ):
        metas = parse(client.get(f"/organizations/{slug}/").content).find("main").find_all("p", class_="meta")
        types[slug] = [" ".join(meta.text.split()) for meta in metas]
    assert types == {
        "irma": [],
        "igf": ["Intergovernmental forum"],
        "unep": ["UN entity"],
        "uneca": ["UN entity"],
        "amdc": [],
        "argentina-environment-secretariat": ["Argentina"],
        "chile-ministry-of-mining": ["Government ministry · Chile"],
        "natural-resources-canada": ["Canada"],
        "nrgi": [],
        "global-battery-alliance": [],
        "expert-group-preventing-corruption-transition-minerals": [],
    }

    amdc = client.get("/organizations/amdc/")
    assert "Part of" not in amdc.content.decode(), "the post does not place AMDC under UNECA"
    (amdc_ld,) = jsonld_blocks(amdc.content.decode())
    assert "parentOrganization" not in amdc_ld
    assert "NRCan" not in client.get("/organizations/natural-resources-canada/").content.decode()

    charlotte = parse(client.get("/people/charlotte-ndakorerwa/").content)
    assert section_items(charlotte, "Appearances") == [
        "Strategies for Strengthening Traceability and Circularity · IGF 21st Annual General Meeting "
        f"· Nov. 11, 2025 {INVENTED} · Opener, Closer (UN Environment Programme (UNEP))"
    ]
    erica = parse(client.get("/people/erica-westenberg/").content)
    assert section_items(erica, "Publications") == [
        "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption · Launched it "
        f"· Nov. 11, 2025 {INVENTED}"
    ]
    inga = parse(client.get("/people/inga-petersen/").content)
    assert section_items(inga, "Publications") == [f"Battery Benchmarks · Presented it · Oct. 1, 2025 {INVENTED}"]


def test_publications_link_nowhere_the_post_does_not_and_mark_invented_dates_and_languages(demo, client):
    page = parse(client.get("/publications/battery-benchmarks/").content)
    main = page.find("main")
    assert main.find_all("p", class_="meta")[0].text == f"Guidance · Oct. 1, 2025 {INVENTED} · English {INVENTED}"
    assert main.find_all("p", class_="meta")[2].text == "Inga Petersen (presented it)"
    assert main.find("a", href="/people/inga-petersen/").text == "Inga Petersen"
    assert main.find_all("p", class_="actions downloads") == [], "the post gives no address for the Benchmarks"
    report = parse(client.get("/publications/from-mine-to-market/").content).find("main")
    assert report.find_all("p", class_="actions downloads") == [], "the post gives no address for the report"
    (data,) = jsonld_blocks(client.get("/publications/battery-benchmarks/").content.decode())
    assert data["description"].endswith("Invented for the demo: the publication date, the language.")

    news = parse(client.get("/news/irma-engagement-at-igf-annual-general-meeting/").content)
    assert news.find("main").find_all("p", class_="actions downloads") == [], "nor for the post itself"
    assert news.find("main").find_all("p", class_="meta")[0].text == f"News post · Nov. 20, 2025 {INVENTED} · English"

    listed = parse(client.get("/publications/").content).find("main")
    dates = [card.find("p", class_="meta").text for card in listed.find_all("article", class_="card")]
    assert dates == [f"Report · Nov. 11, 2025 {INVENTED}", f"Guidance · Oct. 1, 2025 {INVENTED}"]

    feed = feedparser.parse(client.get("/publications/feed/rss/").content)
    assert [e.summary.endswith("Invented for the demo: the publication date, the language.") for e in feed.entries] == [
        True,
        True,
    ]


def test_invented_events_say_so_on_cards_pages_and_calendars(demo, client):
    cards = parse(client.get("/events/").content).find("main").find_all("article", class_="card")
    assert cards and all(card.find("span", class_="badge badge-invented").text == INVENTED for card in cards)
    page = parse(client.get("/events/responsible-minerals-consultation-2027/").content)
    assert page.find("p", class_="badges").text == INVENTED
    (vevent,) = icalendar.Calendar.from_ical(
        client.get("/events/responsible-minerals-consultation-2027/event.ics").content
    ).walk("VEVENT")
    assert "Invented for the demo: the whole event." in str(vevent["DESCRIPTION"]).splitlines()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        AGM,
        DEMO_SESSION,
        "/events/",
        "/publications/",
        "/publications/from-mine-to-market/",
        "/organizations/",
        "/organizations/irma/",
        "/people/erica-westenberg/",
    ],
)
def test_no_page_speaks_of_how_the_demo_was_built(demo, client, path):
    text = parse(client.get(path).content).find("main").text.lower()
    for words in ("seed", "generator", "generated", "the news post says", "fixture"):
        assert words not in text, (path, words)
