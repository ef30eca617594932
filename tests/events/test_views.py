"""Public event and session pages, registration on the site, calendars and JSON-LD."""

import datetime
import io
import json
import re
from urllib.parse import quote

import icalendar
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from events.models import Event, Registration, Session
from members.models import Membership
from tests import factories
from tests.conftest import DEMO_SPEAKERS
from tests.html import parse

pytestmark = pytest.mark.django_db

DEMO_SESSION = "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/"
SPEAKERS = DEMO_SPEAKERS


def jsonld_blocks(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def build_event_with_sessions(n_sessions: int, speakers_per_session: int = 2) -> Event:
    event = factories.EventFactory()
    factories.EventOrganizationFactory(event=event)
    for _ in range(n_sessions):
        session = factories.SessionFactory(event=event)
        factories.SessionOrganizationFactory(session=session)
        for _ in range(speakers_per_session):
            factories.ParticipationFactory(session=session)
        factories.PublicationFactory().related_sessions.add(session)
    return event


@pytest.mark.parametrize("rows", [1, 3])
def test_event_list_query_count_is_flat(client, rows, django_assert_num_queries):
    events = [factories.EventOrganizationFactory().event for _ in range(rows)]
    with django_assert_num_queries(8):
        response = client.get(reverse("events:event-list"))
    body = response.content.decode()
    assert all(e.title in body for e in events)


@pytest.mark.parametrize("rows", [1, 3])
def test_event_detail_query_count_is_flat(client, rows, django_assert_num_queries):
    event = build_event_with_sessions(rows)
    with django_assert_num_queries(11):
        response = client.get(event.get_absolute_url())
    body = response.content.decode()
    assert all(s.title in body for s in event.sessions.all())


@pytest.mark.parametrize("rows", [1, 3])
def test_session_detail_query_count_is_flat(client, rows, django_assert_num_queries):
    session = factories.SessionFactory()
    for _ in range(rows):
        factories.ParticipationFactory(session=session)
        factories.SessionOrganizationFactory(session=session)
        session.topics.add(factories.TopicFactory())
        factories.PublicationFactory().related_sessions.add(session)
    with django_assert_num_queries(8):
        response = client.get(session.get_absolute_url())
    assert response.content.decode().count('class="speaker"') == rows


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_session_page_shows_each_speakers_photo_or_initials_beside_the_name(
    client, settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    session = factories.SessionFactory()
    pictured = factories.PersonFactory(
        given_name="Erica",
        family_name="Westenberg",
        photo=SimpleUploadedFile("erica.png", png(), content_type="image/png"),
    )
    plain = factories.PersonFactory(given_name="Inga", family_name="Petersen")
    # No public page: no photo either, whatever is on file; initials only.
    private = factories.PersonFactory(
        given_name="Daniel",
        family_name="Hill",
        public_profile=False,
        photo=SimpleUploadedFile("daniel.png", png(), content_type="image/png"),
    )
    for order, person in enumerate([pictured, plain, private]):
        factories.ParticipationFactory(session=session, person=person, order=order)
    with django_assert_num_queries(8):
        response = client.get(session.get_absolute_url())
    shown = []
    for li in parse(response.content).find_all("li", class_="speaker"):
        images = li.find_all("img", class_="avatar avatar-small")
        initials = li.find_all("span", class_="avatar avatar-initials avatar-small")
        shown.append(
            (
                [(img.attrs["src"], img.attrs["alt"], img.attrs["width"]) for img in images],
                [(span.text, span.attrs["aria-hidden"]) for span in initials],
            )
        )
    assert shown == [
        ([(pictured.photo.url, "", "40")], []),
        ([], [("IP", "true")]),
        ([], [("DH", "true")]),
    ]


def speaker_lines(page) -> list[tuple[str, str, str]]:
    """(name, roles, printed line) for each entry of a programme's speaker list."""
    return [
        (
            li.find_all("a")[0].text if li.find_all("a") else li.text,
            li.find("span", class_="role").text,
            li.find_all("span", class_="printed")[0].text if li.find_all("span", class_="printed") else "",
        )
        for li in page.find_all("li", class_="speaker")
    ]


def test_demo_session_page_lists_each_speaker_once_in_order_with_all_roles(demo, client):
    response = client.get(DEMO_SESSION)
    page = parse(response.content)
    assert page.find("ol", class_="speakers").tag == "ol"
    assert speaker_lines(page) == [
        ("Charlotte Ndakorerwa", "Opener, Closer", "UN Environment Programme (UNEP)"),
        ("Kristi Disney Bruckner", "Speaker", "Law and Policy Director, IRMA"),
        (
            "Marit Kitaw",
            "Panellist",
            "Former Interim Director of the African Minerals Development Centre (AMDC), "
            "UN Economic Commission for Africa (UNECA)",
        ),
        (
            "Nicolini",
            "Panellist",
            "Parliamentarian, Former National Environment Secretary of Argentina, leading energy transition "
            "minerals discussions in Argentina and in MERCOSUR",
        ),
        ("Rodrigo Urquiza Caroca", "Panellist", "Chile's Ministry of Mining"),
        ("Daniel Hill", "Panellist", "Deputy Director, Natural Resources Canada"),
        ("Erica Westenberg", "Panellist", "Governance Programs Director, Natural Resource Governance Institute (NRGI)"),
        ("Inga Petersen", "Panellist", "Executive Director, Global Battery Alliance"),
    ]
    assert page.find("p", class_="meta organisers").text == (
        "UNEP (co-organiser, co-facilitator), IRMA (co-organiser, co-facilitator)"
    )
    body = response.content.decode()
    assert "(UTC+01:00)" in body, "times are shown in the event's zone with the UTC offset"
    assert "From Mine to Market" in body


def test_event_page_shows_theme_organiser_sessions_and_related_news(demo, client):
    body = client.get("/events/igf-21st-agm/").content.decode()
    assert "Value Beyond Extraction: Rethinking Mining for a Resilient Future" in body
    assert "Intergovernmental Forum on Mining" in body and "Organiser" in body
    assert "Strategies for Strengthening Traceability and Circularity" in body
    assert "IRMA Engagement at IGF Annual General Meeting" in body
    assert "Europe/Zurich" in body


def test_draft_events_and_their_sessions_are_404(client):
    event = factories.EventFactory(status=Event.Status.DRAFT)
    session = factories.SessionFactory(event=event)
    for url in (event.get_absolute_url(), session.get_absolute_url(), reverse("events:event-ics", args=[event.slug])):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Not found" in response.content.decode()
    assert event.title not in client.get(reverse("events:event-list")).content.decode()


def test_members_only_event_pages_say_for_members_without_the_title(client):
    event = factories.EventFactory(visibility=Event.Visibility.MEMBERS, title="Closed strategy retreat")
    session = factories.SessionFactory(event=event, title="Budget huddle")
    pages = (event.get_absolute_url(), session.get_absolute_url(), reverse("events:event-register", args=[event.slug]))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 403, url
        main = parse(response.content).find("main")
        assert main.find("h1").text == "For members"
        assert main.find_all("p")[0].text == "This event is open to the people of our member organisations."
        assert main.find("a", href=f"/accounts/login/?next={quote(url, safe='/')}").text == "Sign in"
        assert event.title not in response.content.decode() and session.title not in response.content.decode()
    signed_in = factories.UserFactory()
    factories.PersonFactory(user=signed_in)
    client.force_login(signed_in)
    main = parse(client.get(event.get_absolute_url()).content).find("main")
    assert main.find_all("a")[-1].text == "Apply for membership"
    # A calendar file says nothing, and an unknown session of that event is simply not found.
    assert client.get(reverse("events:event-ics", args=[event.slug])).status_code == 404
    assert client.get(event.get_absolute_url() + "sessions/no-such-session/").status_code == 404


def test_proposed_session_is_not_public(client):
    session = factories.SessionFactory(status=Session.Status.PROPOSED)
    assert client.get(session.get_absolute_url()).status_code == 404
    assert session.title not in client.get(session.event.get_absolute_url()).content.decode()


def test_event_list_filters_and_past_tab(client):
    past = factories.EventFactory(
        title="Old webinar",
        type=Event.Type.WEBINAR,
        starts_at=datetime.datetime(2020, 5, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 5, 1, 12, tzinfo=datetime.UTC),
    )
    future = factories.EventFactory(title="Future workshop", type=Event.Type.WORKSHOP, country="FR")
    host = factories.EventOrganizationFactory(event=future).organization
    upcoming = client.get(reverse("events:event-list")).content.decode()
    assert "Future workshop" in upcoming and "Old webinar" not in upcoming
    assert "Old webinar" in client.get(reverse("events:event-list") + "?when=past").content.decode()
    assert past.title in client.get(reverse("events:event-list") + "?when=past&year=2020").content.decode()
    assert "No events match." in client.get(reverse("events:event-list") + "?type=webinar").content.decode()
    assert "Future workshop" in client.get(reverse("events:event-list") + f"?organization={host.slug}").content.decode()
    assert "Future workshop" in client.get(reverse("events:event-list") + "?country=FR").content.decode()


def _event_titles(client, query: str) -> list[str]:
    main = parse(client.get(reverse("events:event-list") + query).content).find("main")
    return sorted(a.text for a in main.find_all("a") if a.attrs.get("href", "").startswith("/events/") and a.text)


@pytest.mark.parametrize("text", ["UNEP", "unep", "environment programme", "UN Environment Programme", "un-env"])
def test_organisation_filter_takes_a_name_or_acronym_in_any_case(client, text):
    unep = factories.OrganizationFactory(name="UN Environment Programme", acronym="UNEP", slug="un-env")
    hosted = factories.EventFactory(title="Hosted forum")
    factories.EventOrganizationFactory(event=hosted, organization=unep)
    side = factories.SessionFactory(title="Side session").event
    side.title = "Forum with a side session"
    side.save()
    factories.SessionOrganizationFactory(session=side.sessions.get(), organization=unep)
    factories.EventFactory(title="Unrelated forum")
    assert [t for t in _event_titles(client, f"?organization={text}") if "orum" in t] == [
        "Forum with a side session",
        "Hosted forum",
    ]


def test_organisation_box_suggests_names_and_acronyms(client):
    factories.OrganizationFactory(name="UN Environment Programme", acronym="UNEP")
    page = parse(client.get(reverse("events:event-list")).content)
    assert page.find("input", name="organization").attrs["list"] == "organization-options"
    options = [(o.attrs["value"], o.text) for o in page.find("datalist", id="organization-options").find_all("option")]
    assert ("UNEP", "UN Environment Programme") in options


def test_topic_filter_matches_the_topics_of_sessions_the_visitor_may_see(client):
    topic = factories.TopicFactory(slug="lithium")
    own = factories.EventFactory(title="Lithium forum")
    own.topics.add(topic)
    factories.SessionFactory(event=factories.EventFactory(title="Forum with a lithium panel")).topics.add(topic)
    hidden = factories.SessionFactory(
        event=factories.EventFactory(title="Forum with a proposed panel"), status=Session.Status.PROPOSED
    )
    hidden.topics.add(topic)
    factories.EventFactory(title="Unrelated forum")
    assert [t for t in _event_titles(client, "?topic=lithium") if "orum" in t] == [
        "Forum with a lithium panel",
        "Lithium forum",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?type=nonsense",
        "?page=999",
        "?page=-1",
        "?topic=nope",
        "?country=ZZ",
        "?organization=x&year=99999999999",
    ],
)
def test_bad_filter_input_is_never_a_server_error(client, query):
    response = client.get(reverse("events:event-list") + query)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_event_ics_parses_with_vtimezone_and_speakers(demo, client):
    response = client.get("/events/igf-21st-agm/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    timezones = [c for c in cal.walk("VTIMEZONE")]
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Zurich"]
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "IGF 21st Annual General Meeting"
    assert vevent.decoded("DTSTART").tzinfo is not None
    assert str(vevent["DTSTART"].params["TZID"]) == "Europe/Zurich"
    description = str(vevent["DESCRIPTION"])
    for name in SPEAKERS:
        assert name in description
    assert "Palais des Nations" in str(vevent["LOCATION"])


def test_session_ics_has_speakers_with_titles(demo, client):
    response = client.get(DEMO_SESSION + "session.ics")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    description = str(vevent["DESCRIPTION"])
    assert "- Kristi Disney Bruckner (Speaker), Law and Policy Director, IRMA" in description.splitlines()
    assert "- Charlotte Ndakorerwa (Opener, Closer), UN Environment Programme (UNEP)" in description.splitlines()
    assert description.count("Charlotte Ndakorerwa") == 1
    assert (
        "Co-organisers: UNEP (co-organiser, co-facilitator), IRMA (co-organiser, co-facilitator)."
        in description.splitlines()
    )
    assert "Invented for the demo: the date and time." in description.splitlines()
    start = vevent.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=1)


# The speakers' titles and affiliations as printed on the day, in the words of the news post's own French and
# Spanish translation; where the post gives no French or Spanish title (it would say whether a man or a woman
# holds it), the English as printed (portal/demo/load.py, docs/translation.md).
PRINTED = {
    "en": [
        "UN Environment Programme (UNEP)",
        "Law and Policy Director, IRMA",
        "Former Interim Director of the African Minerals Development Centre (AMDC), UN Economic Commission for "
        "Africa (UNECA)",
        "Parliamentarian, Former National Environment Secretary of Argentina, leading energy transition minerals "
        "discussions in Argentina and in MERCOSUR",
        "Chile's Ministry of Mining",
        "Deputy Director, Natural Resources Canada",
        "Governance Programs Director, Natural Resource Governance Institute (NRGI)",
        "Executive Director, Global Battery Alliance",
    ],
    "fr": [
        "Programme des Nations Unies pour l'environnement (PNUE)",
        "Directrice du droit et des politiques, IRMA",
        "Former Interim Director of the African Minerals Development Centre (AMDC), Commission économique des "
        "Nations Unies pour l'Afrique (CEA)",
        "Parlementaire, ancienne secrétaire nationale à l'Environnement de l'Argentine, qui mène les discussions "
        "sur les minéraux de la transition énergétique en Argentine et au sein du MERCOSUR",
        "Ministère des Mines du Chili",
        "Deputy Director, Ressources naturelles Canada",
        "Directrice des programmes de gouvernance, Natural Resource Governance Institute (NRGI)",
        "Directrice exécutive, Global Battery Alliance",
    ],
    "es": [
        "Programa de las Naciones Unidas para el Medio Ambiente (PNUMA)",
        "Directora de Derecho y Políticas, IRMA",
        "Former Interim Director of the African Minerals Development Centre (AMDC), Comisión Económica de las "
        "Naciones Unidas para África (CEPA)",
        "Parlamentaria, ex secretaria nacional de Ambiente de la Argentina, que lidera los debates sobre los "
        "minerales para la transición energética en la Argentina y en el MERCOSUR",
        "Ministerio de Minería de Chile",
        "Deputy Director, Recursos Naturales de Canadá",
        "Directora de Programas de Gobernanza, Natural Resource Governance Institute (NRGI)",
        "Directora ejecutiva, Global Battery Alliance",
    ],
}
# (opener and closer, speaker, panellist) as each language names the demo speakers' roles.
DEMO_ROLES = {
    "en": ("Opener, Closer", "Speaker", "Panellist"),
    "fr": ("Ouverture, Clôture", "Intervenant", "Panéliste"),
    "es": ("Apertura, Clausura", "Ponente", "Panelista"),
}


def demo_speakers(language: str) -> list[tuple[str, str, str]]:
    """(name, roles, printed line) of the demo session's eight speakers, in order, in `language`."""
    opener, speaker, panellist = DEMO_ROLES[language]
    return list(zip(SPEAKERS, [opener, speaker] + [panellist] * 6, PRINTED[language], strict=True))


DEMO_SPEAKER_LINES = {
    language: [f"- {name} ({roles}), {printed}" for name, roles, printed in demo_speakers(language)]
    for language in DEMO_ROLES
}


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("path", [DEMO_SESSION, "/events/igf-21st-agm/"])
def test_the_demo_programme_prints_speakers_titles_in_the_page_language(demo, client, path, language):
    page = parse(client.get(f"/{language}{path}").content)
    assert speaker_lines(page) == demo_speakers(language)


def test_a_printed_title_reads_in_french_where_translated_and_in_english_where_not(client):
    session = factories.SessionFactory(title="Traceability", title_fr="Traçabilité")
    ana = factories.ParticipationFactory(
        session=session,
        role="opener",
        order=1,
        person__given_name="Ana",
        person__family_name="Ruiz",
        printed_title="Director",
        printed_title_fr="Directrice",
        printed_affiliation="Ministry of Mining",
    ).person
    factories.ParticipationFactory(
        session=session,
        role="speaker",
        order=2,
        person__given_name="Ben",
        person__family_name="Okafor",
        printed_title="",
        printed_affiliation="Natural Resources Canada",
        printed_affiliation_fr="Ressources naturelles Canada",
    )
    # The addresses in English: after a request, the test's thread keeps the language that request activated.
    path, speaker_path = session.get_absolute_url(), ana.get_absolute_url()
    french = parse(client.get(f"/fr{path}").content)
    assert speaker_lines(french) == [
        ("Ana Ruiz", "Ouverture", "Directrice, Ministry of Mining"),
        ("Ben Okafor", "Intervenant", "Ressources naturelles Canada"),
    ]
    english = parse(client.get(path).content)
    assert speaker_lines(english) == [
        ("Ana Ruiz", "Opener", "Director, Ministry of Mining"),
        ("Ben Okafor", "Speaker", "Natural Resources Canada"),
    ]
    spanish = parse(client.get(f"/es{path}").content)
    assert [line[2] for line in speaker_lines(spanish)] == ["Director, Ministry of Mining", "Natural Resources Canada"]

    (vevent,) = icalendar.Calendar.from_ical(client.get(f"/fr{path}session.ics").content).walk("VEVENT")
    assert [line for line in str(vevent["DESCRIPTION"]).splitlines() if line.startswith("- ")] == [
        "- Ana Ruiz (Ouverture), Directrice, Ministry of Mining",
        "- Ben Okafor (Intervenant), Ressources naturelles Canada",
    ]

    speaker_page = parse(client.get(f"/fr{speaker_path}").content)
    assert [span.text for span in speaker_page.find("main").find_all("span", class_="printed meta")] == [
        "(Directrice, Ministry of Mining)"
    ]


DEMO_SESSION_INTRO = {
    "fr": [
        "Un aperçu des stratégies et partenariats émergents en matière de traçabilité et de circularité, mettant "
        "l'accent sur les possibilités de faire progresser les Principes généraux et les Recommandations concrètes "
        "du Groupe du Secrétaire général de l'ONU sur les minéraux critiques pour la transition énergétique.",
        "",
        "Dans le cadre de l\u2019événement «\u00a021e Assemblée générale annuelle de l'IGF\u00a0».",
        "Co-organisateurs\u00a0: UNEP (co-organisateur, co-animateur), IRMA (co-organisateur, co-animateur).",
        "Inventé pour la démonstration\u00a0: la date et l\u2019heure.",
    ],
    "es": [
        "Un panorama de las estrategias y alianzas emergentes en materia de trazabilidad y circularidad, con "
        "énfasis en las oportunidades para avanzar en los Principios Generales y las Recomendaciones Prácticas del "
        "Panel del Secretario General de la ONU sobre Minerales Críticos para la Transición Energética.",
        "",
        "En el marco del evento «21.ª Asamblea General Anual del IGF».",
        "Coorganizadores: UNEP (coorganizador, cofacilitador), IRMA (coorganizador, cofacilitador).",
        "Inventado para la demostración: la fecha y la hora.",
    ],
}


@pytest.mark.parametrize(("language", "speakers"), [("fr", "Intervenants\u00a0:"), ("es", "Ponentes:")])
def test_session_ics_speaks_the_language_of_its_address(demo, client, language, speakers):
    response = client.get(f"/{language}{DEMO_SESSION}session.ics")
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).splitlines() == [
        *DEMO_SESSION_INTRO[language],
        "",
        speakers,
        *DEMO_SPEAKER_LINES[language],
    ]
    assert str(vevent["URL"]) == f"http://testserver/{language}{DEMO_SESSION}"


DEMO_EVENT_LINES = {
    "en": [
        "Value Beyond Extraction: Rethinking Mining for a Resilient Future",
        "IGF's 86 Member Countries met with participants from around the world at the Palais des Nations in Geneva.",
        "Invented for the demo: the dates and times.",
        "",
        "Strategies for Strengthening Traceability and Circularity (November 11, 1:15 p.m.)",
        "Co-organisers: UNEP (co-organiser, co-facilitator), IRMA (co-organiser, co-facilitator).",
        "Invented for the demo: the date and time.",
    ],
    "fr": [
        "La valeur au-delà de l'extraction\u00a0: repenser l'exploitation minière pour un avenir résilient",
        "Les 86 pays membres de l'IGF se sont réunis avec des participants du monde entier au Palais des Nations à "
        "Genève.",
        "Inventé pour la démonstration\u00a0: les dates et heures.",
        "",
        "Stratégies pour renforcer la traçabilité et la circularité (11 novembre, 13:15)",
        "Co-organisateurs\u00a0: UNEP (co-organisateur, co-animateur), IRMA (co-organisateur, co-animateur).",
        "Inventé pour la démonstration\u00a0: la date et l\u2019heure.",
    ],
    "es": [
        "Valor más allá de la extracción: repensar la minería para un futuro resiliente",
        "Los 86 países miembros del IGF se reunieron con participantes de todo el mundo en el Palais des Nations de "
        "Ginebra.",
        "Inventado para la demostración: las fechas y horas.",
        "",
        "Estrategias para fortalecer la trazabilidad y la circularidad (11 de noviembre, 13:15)",
        "Coorganizadores: UNEP (coorganizador, cofacilitador), IRMA (coorganizador, cofacilitador).",
        "Inventado para la demostración: la fecha y la hora.",
    ],
}


@pytest.mark.parametrize(
    ("prefix", "language", "location"),
    [
        ("", "en", "Palais des Nations, Geneva, Switzerland"),
        ("/fr", "fr", "Palais des Nations, Genève, Suisse"),
        ("/es", "es", "Palais des Nations, Ginebra, Suiza"),
    ],
)
def test_event_ics_speaks_the_language_of_its_address(demo, client, prefix, language, location):
    response = client.get(f"{prefix}/events/igf-21st-agm/event.ics")
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).splitlines() == DEMO_EVENT_LINES[language] + DEMO_SPEAKER_LINES[language]
    assert str(vevent["LOCATION"]) == location


@pytest.mark.parametrize(
    ("language", "name", "online"),
    [("fr", "Événements à venir", "En ligne"), ("es", "Próximos eventos", "En línea")],
)
def test_upcoming_ics_speaks_the_language_of_its_address(client, language, name, online):
    factories.EventFactory(
        title="Webinar", title_fr="Webinaire", title_es="Seminario web", format=Event.Format.ONLINE, city="", country=""
    )
    cal = icalendar.Calendar.from_ical(client.get(f"/{language}/events/upcoming.ics").content)
    (vevent,) = cal.walk("VEVENT")
    assert (str(cal["X-WR-CALNAME"]), str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == (
        name,
        {"fr": "Webinaire", "es": "Seminario web"}[language],
        online,
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_upcoming_ics_feed_lists_only_public_upcoming(client, rows, django_assert_num_queries):
    for _ in range(rows):
        build_event_with_sessions(1)
    factories.EventFactory(title="Members gathering", visibility=Event.Visibility.MEMBERS)
    with django_assert_num_queries(4):
        response = client.get(reverse("events:upcoming-ics"))
    cal = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert len(summaries) == rows and "Members gathering" not in summaries


def test_event_jsonld(demo, client):
    (data,) = jsonld_blocks(client.get("/events/igf-21st-agm/").content.decode())
    assert data["@type"] == "Event"
    assert data["location"]["@type"] == "Place" and data["location"]["name"] == "Palais des Nations"
    assert [o["name"] for o in data["organizer"]] == [
        "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development"
    ]
    assert [p["performer"]["name"] for p in data["performer"]] == SPEAKERS
    assert data["performer"][0]["roleName"] == ["Opener", "Closer"]
    assert data["startDate"].endswith("+01:00")


def test_session_jsonld_names_performers_and_super_event(demo, client):
    (data,) = jsonld_blocks(client.get(DEMO_SESSION).content.decode())
    assert data["@type"] == "Event"
    assert data["superEvent"]["name"] == "IGF 21st Annual General Meeting"
    assert [(p["performer"]["name"], p["roleName"]) for p in data["performer"]][:2] == [
        ("Charlotte Ndakorerwa", ["Opener", "Closer"]),
        ("Kristi Disney Bruckner", ["Speaker"]),
    ]
    assert len(data["performer"]) == 8
    assert [(o["organizer"]["name"], o["roleName"]) for o in data["organizer"]] == [
        ("UN Environment Programme", ["Co-organiser", "Co-facilitator"]),
        ("Initiative for Responsible Mining Assurance", ["Co-organiser", "Co-facilitator"]),
    ]
    assert data["description"].endswith("Invented for the demo: the date and time.")


def test_jsonld_cannot_be_broken_out_of(client):
    event = factories.EventFactory(theme="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (data,) = jsonld_blocks(html)
    assert data["description"] == "</script><script>alert(1)</script>"


# --- registration on the site ---------------------------------------------------------------------


def test_register_confirmed_with_ics_and_cancel_link(client, django_capture_on_commit_callbacks):
    event = factories.EventFactory(capacity=2, title="Open consultation")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:event-register", args=[event.slug]),
            {"name": "Ana", "email": "Ana@Example.org"},
            follow=True,
        )
    assert "You are registered." in response.content.decode()
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("ana@example.org", "confirmed")
    (message,) = mail.outbox
    (attachment,) = message.attachments
    assert attachment[0] == "invitation.ics"
    (vevent,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Open consultation"
    cancel_path = re.search(r"https?://[^/]+(/events/registrations/\S+/cancel/)", message.body).group(1)
    assert client.get(cancel_path).status_code == 200
    client.post(cancel_path)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_full_event_waitlists_and_cancelling_promotes_with_email(client, django_capture_on_commit_callbacks):
    event = factories.EventFactory(capacity=1)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "First", "email": "a@example.org"})
    body = client.post(
        reverse("events:event-register", args=[event.slug]), {"name": "Second", "email": "b@example.org"}, follow=True
    ).content.decode()
    assert "you are on the waitlist" in body
    first = Registration.objects.get(email="a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration-cancel", args=[first.cancel_token]))
    assert Registration.objects.get(email="b@example.org").status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert mail.outbox[0].subject.startswith("A seat is yours")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.org"}, "This field is required."),
        ({"name": "A", "email": "nope"}, "Enter a valid email address."),
    ],
)
def test_registration_form_errors(client, data, message):
    event = factories.EventFactory()
    body = client.post(reverse("events:event-register", args=[event.slug]), data).content.decode()
    assert message in body and not Registration.objects.exists()


def test_registering_twice_is_a_form_error(client):
    event = factories.EventFactory()
    url = reverse("events:event-register", args=[event.slug])
    client.post(url, {"name": "A", "email": "a@example.org"})
    body = client.post(url, {"name": "A", "email": "a@example.org"}).content.decode()
    assert "a@example.org is already registered." in body


def test_members_only_event_needs_an_active_member_account(client):
    event = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    assert client.get(reverse("events:event-register", args=[event.slug])).status_code == 403
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    client.force_login(user)
    assert client.get(reverse("events:event-register", args=[event.slug])).status_code == 403
    membership = factories.MembershipFactory(status=Membership.Status.ACTIVE)
    factories.AffiliationFactory(person=person, organization=membership.organization)
    body = client.post(
        reverse("events:event-register", args=[event.slug]), {"name": "Member", "email": "m@example.org"}, follow=True
    ).content.decode()
    assert "You are registered." in body


def test_session_with_its_own_capacity(client):
    session = factories.SessionFactory(capacity=1)
    url = reverse("events:session-register", args=[session.event.slug, session.slug])
    client.post(url, {"name": "A", "email": "a@example.org"})
    client.post(url, {"name": "B", "email": "b@example.org"})
    assert list(Registration.objects.order_by("pk").values_list("session", "status")) == [
        (session.pk, "confirmed"),
        (session.pk, "waitlisted"),
    ]
    no_capacity = factories.SessionFactory(event=session.event)
    redirect = client.get(reverse("events:session-register", args=[session.event.slug, no_capacity.slug]))
    assert redirect["Location"] == reverse("events:event-register", args=[session.event.slug])


def test_past_event_refuses_registration(client):
    past = factories.EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=5), ends_at=timezone.now() - datetime.timedelta(days=4)
    )
    body = client.post(
        reverse("events:event-register", args=[past.slug]), {"name": "A", "email": "a@example.org"}
    ).content.decode()
    assert "This event is over." in body and not Registration.objects.exists()


# --- where the visitor's registration stands ------------------------------------------------------


def past_event(**kwargs) -> Event:
    now = timezone.now()
    return factories.EventFactory(
        starts_at=now - datetime.timedelta(days=5), ends_at=now - datetime.timedelta(days=4), **kwargs
    )


def main_of(response):
    return parse(response.content).find("main")


def test_past_event_is_marked_ended_and_offers_no_register_form(client):
    event = past_event(title="Last year's consultation")
    main = main_of(client.get(event.get_absolute_url()))
    assert [b.text for b in main.find_all("span", class_="badge badge-ended")] == ["Ended"]
    assert main.find("p", class_="meta registration-closed").text == "This event is over."
    assert reverse("events:event-register", args=[event.slug]) not in [a.attrs.get("href") for a in main.find_all("a")]
    register = main_of(client.get(reverse("events:event-register", args=[event.slug])))
    assert register.find_all("form") == []
    assert register.find("p", class_="notice").text == "This event is over."


def test_past_session_with_its_own_seats_refuses_registration():
    from events import policies
    from kernel.viewer import Viewer

    now = timezone.now()
    event = factories.EventFactory(starts_at=now - datetime.timedelta(days=1), ends_at=now + datetime.timedelta(days=1))
    session = factories.SessionFactory(
        event=event, capacity=10, starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=2)
    )
    decision = policies.can_register(Viewer.anonymous(), event, session)
    assert (bool(decision), decision.reason) == (False, "This session is over.")


def signed_in(client, **user):
    user = factories.UserFactory(**user)
    factories.PersonFactory(user=user, given_name="Ana", family_name="Lima")
    client.force_login(user)
    return user


def test_after_registering_the_event_page_says_so_with_a_cancel_link(client):
    event = factories.EventFactory(capacity=5)
    user = signed_in(client)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Lima", "email": user.email})
    registration = Registration.objects.get()
    main = main_of(client.get(event.get_absolute_url()))
    status = main.find("div", class_="notice registration-status")
    assert status.find("strong").text == "You are registered."
    assert [(a.attrs["href"], a.text) for a in status.find_all("a")] == [
        (reverse("events:registration-cancel", args=[registration.cancel_token]), "Cancel my registration"),
        (reverse("accounts:registrations"), "My registrations"),
    ]
    assert reverse("events:event-register", args=[event.slug]) not in [a.attrs.get("href") for a in main.find_all("a")]
    # The cancel link asks first; a GET changes nothing, the POST cancels through the service.
    confirm = client.get(status.find_all("a")[0].attrs["href"])
    assert main_of(confirm).find("button").text == "Cancel my registration"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    client.post(status.find_all("a")[0].attrs["href"])
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    main = main_of(client.get(event.get_absolute_url()))
    assert main.find_all("div", class_="notice registration-status") == []
    assert main.find("a", class_="button").attrs["href"] == reverse("events:event-register", args=[event.slug])


def test_waitlisted_person_sees_their_position_on_the_session_page(client):
    session = factories.SessionFactory(capacity=1)
    factories.RegistrationFactory(event=session.event, session=session, status=Registration.Status.CONFIRMED)
    factories.RegistrationFactory(event=session.event, session=session, status=Registration.Status.WAITLISTED)
    user = signed_in(client)
    url = reverse("events:session-register", args=[session.event.slug, session.slug])
    client.post(url, {"name": "Ana Lima", "email": user.email})
    main = main_of(client.get(session.get_absolute_url()))
    assert main.find("div", class_="notice registration-status").find("strong").text == (
        "You are on the waitlist (position 2)."
    )
    # The register page shows the same instead of a second form.
    register = main_of(client.get(url))
    assert register.find_all("form") == []
    assert register.find("div", class_="notice registration-status").find("strong").text == (
        "You are on the waitlist (position 2)."
    )


def test_someone_elses_registration_is_not_shown_as_yours(client):
    event = factories.EventFactory()
    factories.RegistrationFactory(event=event, user=factories.UserFactory())
    signed_in(client)
    main = main_of(client.get(event.get_absolute_url()))
    assert main.find_all("div", class_="notice registration-status") == []
    assert main.find("a", class_="button").text == "Register"
