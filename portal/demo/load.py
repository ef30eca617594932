"""The demo data: a news post (kept in portal/demo/) and everything it mentions, plus invented members.

Everything from the news post is real and as the post gives it: the IGF 21st AGM, the UNEP-IRMA side
session (co-organised and co-facilitated by IRMA with UNEP), its eight speakers with their titles as printed,
the organisations, the "From Mine to Market" report Erica Westenberg launched there, GBA's Battery Benchmarks
that Inga Petersen presented, and the news post itself. Beyond the post, only the organisations' own public
website addresses (where the publications can be found).

INVENTED, and flagged on each row so that every page, calendar file and JSON-LD block says so where the fact is
shown (`invented`, `dates_invented`, `time_invented`, `date_invented`, `language_invented`): the exact dates
and times (the post says only "this November"), the publication dates and languages, the upcoming events;
the member organisations used to fill the directory say so in their description.

TRANSLATED, also flagged where it is written (SESSION_TRANSLATIONS, REPORT_TRANSLATIONS): French and Spanish
titles and summaries of the side session and the report, word for word from the English, adding no fact.

Loading twice changes nothing: every row is found by its natural key and updated in place.
"""

import datetime
import zoneinfo
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from events.models import Event, EventOrganization, EventSeries, Participation, Session, SessionOrganization
from kernel.models import Topic
from members.models import Affiliation, Membership, Organization, Person
from members.services import house_ensure_defaults
from publications.models import Publication, PublicationOrganization, PublicationPerson

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")  # Geneva keeps Zurich time; IANA has no Europe/Geneva
INVENTED = "Invented for the demo; not a real organisation."
DEMO_DIR = Path(__file__).resolve().parent

# TRANSLATED, not in the news post (which is in English): French and Spanish renderings of the side session's
# and the report's titles and summaries, word for word, adding no fact. Shown on /fr/ and /es/ pages; every other
# text falls back to the English original there.
SESSION_TRANSLATIONS = {
    "title_fr": "Stratégies pour renforcer la traçabilité et la circularité",
    "title_es": "Estrategias para fortalecer la trazabilidad y la circularidad",
    "summary_fr": "Un aperçu des stratégies et partenariats émergents en matière de traçabilité et de circularité, "
    "mettant l'accent sur les possibilités de faire progresser les Principes généraux et les Recommandations "
    "concrètes du Groupe du Secrétaire général de l'ONU sur les minéraux critiques pour la transition "
    "énergétique.",
    "summary_es": "Un panorama de las estrategias y alianzas emergentes en materia de trazabilidad y circularidad, "
    "con énfasis en las oportunidades para avanzar en los Principios Generales y las Recomendaciones Prácticas "
    "del Panel del Secretario General de la ONU sobre Minerales Críticos para la Transición Energética.",
}
REPORT_TRANSLATIONS = {
    "title_fr": "De la mine au marché : utiliser la traçabilité pour lutter contre la corruption dans le secteur "
    "minier",
    "title_es": "De la mina al mercado: usar la trazabilidad para combatir la corrupción en el sector minero",
    "summary_fr": "Un rapport du Groupe d'experts sur la prévention de la corruption dans les minéraux de "
    "transition, lancé lors de la session parallèle PNUE-IRMA, avec des contributions de l'IRMA.",
    "summary_es": "Un informe del Grupo de Expertos sobre la Prevención de la Corrupción en los Minerales de "
    "Transición, presentado en la sesión paralela PNUMA-IRMA, con contribuciones de IRMA.",
}

ORGANIZATIONS = [
    # slug, name, acronym, type, country, parent slug, website
    (
        "irma",
        "Initiative for Responsible Mining Assurance",
        "IRMA",
        "multi_stakeholder_initiative",
        "",
        None,
        "https://responsiblemining.net/",
    ),
    (
        "igf",
        "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development",
        "IGF",
        "intergovernmental_forum",
        "",
        None,
        "https://www.igfmining.org/",
    ),
    ("unep", "UN Environment Programme", "UNEP", "un_entity", "", None, "https://www.unep.org/"),
    ("uneca", "UN Economic Commission for Africa", "UNECA", "un_entity", "", None, "https://www.uneca.org/"),
    # The post names AMDC beside UNECA ("of UNECA and Former Interim Director of AMDC"), not under it.
    ("amdc", "African Minerals Development Centre", "AMDC", "regional_body", "", None, ""),
    (
        "argentina-environment-secretariat",
        "National Environment Secretariat of Argentina",
        "",
        "government_ministry",
        "AR",
        None,
        "",
    ),
    ("chile-ministry-of-mining", "Ministry of Mining of Chile", "", "government_ministry", "CL", None, ""),
    (
        "natural-resources-canada",
        "Natural Resources Canada",
        "",
        "government_ministry",
        "CA",
        None,
        "https://natural-resources.canada.ca/",
    ),
    ("nrgi", "Natural Resource Governance Institute", "NRGI", "ngo", "", None, "https://resourcegovernance.org/"),
    (
        "global-battery-alliance",
        "Global Battery Alliance",
        "GBA",
        "multi_stakeholder_initiative",
        "",
        None,
        "https://www.globalbattery.org/",
    ),
    (
        "expert-group-preventing-corruption-transition-minerals",
        "Expert Group on Preventing Corruption in Transition Minerals",
        "",
        "other",
        "",
        None,
        "",
    ),
]

# Invented members, two per house, so the directory has something in every house.
INVENTED_MEMBERS = [
    ("mining", "Altiplano Lithium Works", "mining_company", "BO"),
    ("mining", "Northern Shield Nickel", "mining_company", "CA"),
    ("purchasing", "Voltmark Automotive", "purchasing_company", "DE"),
    ("purchasing", "Brightcell Electronics", "purchasing_company", "JP"),
    ("finance", "Meridian Responsible Capital", "finance", "GB"),
    ("finance", "Cordillera Pension Fund", "finance", "CL"),
    ("ngos", "Watershed Rights Network", "ngo", "PE"),
    ("ngos", "Open Minerals Watch", "ngo", "BE"),
    ("affected-communities", "Kasese Valley Community Council", "community_organisation", "UG"),
    ("affected-communities", "Salar Indigenous Communities Assembly", "community_organisation", "AR"),
    ("organised-labour", "Federation of Mine and Energy Workers", "labour_union", "ZA"),
    ("organised-labour", "International Miners' Solidarity Union", "labour_union", "CH"),
]

TOPICS = [
    # slug, name, kind, identifier as written
    ("traceability", "Traceability", "theme", ""),
    ("circularity", "Circularity", "theme", ""),
    ("critical-minerals", "Critical energy transition minerals", "theme", ""),
    ("anti-corruption", "Anti-corruption", "theme", ""),
    (
        "unea-6-5",
        "UNEA Resolution on environmental aspects of minerals and metals",
        "policy_instrument",
        "UNEA 6/5",
    ),
    (
        "unea-7-minerals-resolution",
        "Colombia's UNEA-7 resolution on minerals and metals",
        "policy_instrument",
        "UNEA-7",
    ),
    (
        "un-sg-panel-cetm",
        "UN Secretary-General's Panel on Critical Energy Transition Minerals: Guiding "
        "Principles and Actionable Recommendations",
        "policy_instrument",
        "",
    ),
    ("ilo-169", "ILO Indigenous and Tribal Peoples Convention", "policy_instrument", "ILO 169"),
    (
        "g7-critical-minerals-action-plan",
        "G7 Critical Minerals Action Plan and Roadmap",
        "policy_instrument",
        "",
    ),
    ("au-green-minerals-strategy", "African Union Green Minerals Strategy", "policy_instrument", ""),
    (
        "mercosur-strategic-minerals-plan",
        "MERCOSUR Regional Strategic Minerals Plan",
        "policy_instrument",
        "",
    ),
    ("chile-national-lithium-strategy", "Chile's National Lithium Strategy", "policy_instrument", ""),
]

# The eight speakers, in the order they spoke, with titles and affiliations as printed in the news post.
# person slug, honorific, given, family, [(org, title, former)], [(role, printed title, printed org, aff index)]
SPEAKERS = [
    (
        "charlotte-ndakorerwa",
        "",
        "Charlotte",
        "Ndakorerwa",
        [("unep", "", False)],
        [
            ("opener", "", "UN Environment Programme (UNEP)", 0),
            ("closer", "", "UN Environment Programme (UNEP)", 0),
        ],
    ),
    (
        "kristi-disney-bruckner",
        "",
        "Kristi",
        "Disney Bruckner",
        [("irma", "Law and Policy Director", False)],
        [("speaker", "Law and Policy Director", "IRMA", 0)],
    ),
    (
        "marit-kitaw",
        "",
        "Marit",
        "Kitaw",
        [("uneca", "", False), ("amdc", "Interim Director", True)],
        [
            (
                "panellist",
                "Former Interim Director of the African Minerals Development Centre (AMDC)",
                "UN Economic Commission for Africa (UNECA)",
                0,
            )
        ],
    ),
    (
        "nicolini",
        "Parliamentarian",
        "",
        "Nicolini",
        [("argentina-environment-secretariat", "National Environment Secretary", True)],
        [
            (
                "panellist",
                "Parliamentarian, Former National Environment Secretary of Argentina, leading energy transition "
                "minerals discussions in Argentina and in MERCOSUR",
                "",
                0,
            )
        ],
    ),
    (
        "rodrigo-urquiza-caroca",
        "",
        "Rodrigo",
        "Urquiza Caroca",
        [("chile-ministry-of-mining", "", False)],
        [("panellist", "", "Chile's Ministry of Mining", 0)],
    ),
    (
        "daniel-hill",
        "",
        "Daniel",
        "Hill",
        [("natural-resources-canada", "Deputy Director", False)],
        [("panellist", "Deputy Director", "Natural Resources Canada", 0)],
    ),
    (
        "erica-westenberg",
        "",
        "Erica",
        "Westenberg",
        [("nrgi", "Governance Programs Director", False)],
        [("panellist", "Governance Programs Director", "Natural Resource Governance Institute (NRGI)", 0)],
    ),
    (
        "inga-petersen",
        "",
        "Inga",
        "Petersen",
        [("global-battery-alliance", "Executive Director", False)],
        [("panellist", "Executive Director", "Global Battery Alliance", 0)],
    ),
]


def _at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=GENEVA)


# Invented for the demo: the address receives no mail.
DEMO_ADMIN = {"username": "admin", "email": "admin@example.org", "password": "admin"}


def demo_admin_ensure() -> bool:
    """The local demo admin account, reset to its known password, its address confirmed (sign-in needs
    that). True if it was created."""
    from django.contrib.auth import get_user_model

    from members.services import account_email_confirm

    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_ADMIN["username"], defaults={"email": DEMO_ADMIN["email"]}
        )
        user.email = DEMO_ADMIN["email"]
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(DEMO_ADMIN["password"])
        user.save()
        account_email_confirm(user=user)
    return created


def demo_load() -> str:
    """Load (or bring up to date) the demo data in one transaction; returns a one-line summary."""
    with transaction.atomic():
        return DemoLoader().load()


class DemoLoader:
    def load(self) -> str:
        orgs = self._organizations()
        topics = {
            slug: Topic.objects.update_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "identifier": identifier}
            )[0]
            for slug, name, kind, identifier in TOPICS
        }
        event, session = self._igf_agm(orgs, topics)
        self._speakers(orgs, session)
        self._publications(orgs, topics, event, session)
        self._invented_events(orgs, topics)
        return (
            f"Demo data loaded: {Organization.objects.count()} organisations, {Event.objects.count()} events, "
            f"{Session.objects.count()} sessions, {Person.objects.count()} people, "
            f"{Publication.objects.count()} publications."
        )

    def _organizations(self) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {}
        for slug, name, acronym, type_, country, parent, website in ORGANIZATIONS:
            orgs[slug] = Organization.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "acronym": acronym,
                    "type": type_,
                    "country": country,
                    "parent": orgs.get(parent) if parent else None,
                    "website": website,
                },
            )[0]
        houses = {house.slug: house for house in house_ensure_defaults()}
        for index, (house_slug, name, type_, country) in enumerate(INVENTED_MEMBERS):
            org = Organization.objects.update_or_create(
                slug=slugify(name),
                defaults={"name": name, "type": type_, "country": country, "description": INVENTED},
            )[0]
            orgs[org.slug] = org
            Membership.objects.update_or_create(
                organization=org,
                house=houses[house_slug],
                defaults={
                    "status": Membership.Status.ACTIVE,
                    "applied_on": datetime.date(2019 + index % 5, 3, 1),
                    "started_on": datetime.date(2019 + index % 5, 4, 1),
                    "expires_on": datetime.date(2026, 12, 31),
                    "dues_band": Membership.DuesBand.B if houses[house_slug].dues_apply else "none",
                    "publicly_listed": True,
                },
            )
        return orgs

    def _igf_agm(self, orgs, topics) -> tuple[Event, Session]:
        series = EventSeries.objects.update_or_create(
            slug="igf-agm",
            defaults={"name": "IGF Annual General Meeting", "acronym": "IGF AGM", "convened_by": orgs["igf"]},
        )[0]
        event = Event.objects.update_or_create(
            slug="igf-21st-agm",
            defaults={
                "series": series,
                "edition": 21,
                "title": "IGF 21st Annual General Meeting",
                "theme": "Value Beyond Extraction: Rethinking Mining for a Resilient Future",
                "summary": "IGF's 86 Member Countries met with participants from around the world at the "
                "Palais des Nations in Geneva.",
                "description": "",
                "type": Event.Type.AGM,
                "format": Event.Format.IN_PERSON,
                "venue": "Palais des Nations",
                "city": "Geneva",
                "country": "CH",
                # INVENTED: exact dates (the news post says "this November").
                "starts_at": _at(2025, 11, 10, 9),
                "ends_at": _at(2025, 11, 13, 18),
                "dates_invented": True,
                "timezone": "Europe/Zurich",
                # The post names no languages: none are shown.
                "languages": [],
                "languages_invented": False,
                "invented": False,
                "status": Event.Status.PUBLISHED,
                "visibility": Event.Visibility.PUBLIC,
            },
        )[0]
        event.topics.set([topics["critical-minerals"]])
        # IGF holds its AGM; IRMA and UNEP led a "Partner-led Side Session" in it, so they are its partners (and
        # the session's co-organisers and co-facilitators, below).
        for order, (slug, role) in enumerate([("igf", "host"), ("irma", "partner"), ("unep", "partner")]):
            EventOrganization.objects.update_or_create(
                event=event, organization=orgs[slug], role=role, defaults={"order": order}
            )
        session = Session.objects.update_or_create(
            event=event,
            slug="strategies-for-strengthening-traceability-and-circularity",
            defaults={
                "title": "Strategies for Strengthening Traceability and Circularity",
                "type": Session.Type.PARTNER_SIDE_SESSION,
                "status": Session.Status.SCHEDULED,
                "summary": "An overview of emerging strategies and partnerships for traceability and "
                "circularity, emphasising opportunities to advance the General Principles and Actionable "
                "Recommendations from the UN Secretary-General's Panel on Critical Energy Transition Minerals.",
                # TRANSLATED for the site's French and Spanish pages (the news post is in English only): the
                # same words, no fact added.
                **SESSION_TRANSLATIONS,
                "description": "The session outlined UNEP's work on traceability and circularity, including the "
                "implementation of the UNEA 6/5 Resolution on environmental aspects of minerals and metals; "
                "strategies from the African Union, G7, and G20; examples of approaches of voluntary standards; "
                "and a discussion of opportunities to build coherence to amplify positive impacts.",
                # INVENTED: the day and the time of day.
                "starts_at": _at(2025, 11, 11, 13, 15),
                "ends_at": _at(2025, 11, 11, 14, 45),
                "time_invented": True,
                "invented": False,
            },
        )[0]
        session.topics.set(
            [
                topics[s]
                for s in (
                    "traceability",
                    "circularity",
                    "unea-6-5",
                    "unea-7-minerals-resolution",
                    "un-sg-panel-cetm",
                    "ilo-169",
                    "g7-critical-minerals-action-plan",
                    "au-green-minerals-strategy",
                    "mercosur-strategic-minerals-plan",
                    "chile-national-lithium-strategy",
                )
            ]
        )
        for order, (slug, role) in enumerate(
            [
                ("unep", "co_organiser"),
                ("irma", "co_organiser"),
                ("unep", "co_facilitator"),
                ("irma", "co_facilitator"),
            ]
        ):
            SessionOrganization.objects.update_or_create(
                session=session, organization=orgs[slug], role=role, defaults={"order": order}
            )
        return event, session

    def _speakers(self, orgs, session) -> None:
        order = 0
        closers = []
        for slug, honorific, given, family, affiliations, roles in SPEAKERS:
            person = Person.objects.update_or_create(
                slug=slug,
                defaults={
                    "honorific": honorific,
                    "given_name": given,
                    "family_name": family,
                    # Speakers at a public session, named in a public news post.
                    "public_profile": True,
                },
            )[0]
            made = [
                Affiliation.objects.update_or_create(
                    person=person, organization=orgs[org], defaults={"title": title, "former": former}
                )[0]
                for org, title, former in affiliations
            ]
            for role, printed_title, printed_org, aff_index in roles:
                if role == "closer":
                    closers.append((person, role, printed_title, printed_org, made[aff_index]))
                    continue
                order += 1
                Participation.objects.update_or_create(
                    session=session,
                    person=person,
                    role=role,
                    defaults={
                        "order": order,
                        "printed_title": printed_title,
                        "printed_affiliation": printed_org,
                        "affiliation": made[aff_index],
                    },
                )
        for person, role, printed_title, printed_org, affiliation in closers:
            order += 1
            Participation.objects.update_or_create(
                session=session,
                person=person,
                role=role,
                defaults={
                    "order": order,
                    "printed_title": printed_title,
                    "printed_affiliation": printed_org,
                    "affiliation": affiliation,
                },
            )

    def _publications(self, orgs, topics, event, session) -> None:
        report = Publication.objects.update_or_create(
            slug="from-mine-to-market",
            defaults={
                "title": "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption",
                "type": Publication.Type.REPORT,
                "status": Publication.Status.PUBLISHED,
                "summary": "A report of the Expert Group on Preventing Corruption in Transition Minerals, "
                "launched at the UNEP-IRMA side session, with contributions from IRMA.",
                # TRANSLATED (the title and summary, as for the session): the report itself stays in English.
                **REPORT_TRANSLATIONS,
                # INVENTED: the day of the launch (the session's invented date) and the language.
                "published_on": session.starts_at.date(),
                "date_invented": True,
                "language": "en",
                "language_invented": True,
                "invented": False,
                "launched_at": session,
                # The Expert Group's work is published on the site of NRGI, which led its development.
                "external_url": "https://resourcegovernance.org/",
                # Public from the moment it was launched at the side session.
                "release": Publication.Release.AT_LAUNCH,
                "released_at": session.starts_at,
                "featured": True,
            },
        )[0]
        report.topics.set([topics["traceability"], topics["anti-corruption"]])
        report.related_events.set([event])
        report.related_sessions.set([session])
        for order, (slug, role) in enumerate(
            [("expert-group-preventing-corruption-transition-minerals", "publisher"), ("irma", "contributor")]
        ):
            PublicationOrganization.objects.update_or_create(
                publication=report, organization=orgs[slug], role=role, defaults={"order": order}
            )
        # "In her remarks, Erica launched the Expert Group [...] report".
        PublicationPerson.objects.update_or_create(
            publication=report,
            person=Person.objects.get(slug="erica-westenberg"),
            role=PublicationPerson.Role.LAUNCHER,
            defaults={"order": 0},
        )

        benchmarks = Publication.objects.update_or_create(
            slug="battery-benchmarks",
            defaults={
                "title": "Battery Benchmarks",
                "type": Publication.Type.GUIDANCE,
                "status": Publication.Status.PUBLISHED,
                "summary": "The Global Battery Alliance's recently released Battery Benchmarks, presented at the "
                "UNEP-IRMA side session with an invitation to collaborate.",
                # INVENTED: the release date (the news post says "recently released") and the language.
                "published_on": datetime.date(2025, 10, 1),
                "date_invented": True,
                "language": "en",
                "language_invented": True,
                "invented": False,
                "external_url": "https://www.globalbattery.org/",
                "featured": True,
            },
        )[0]
        benchmarks.topics.set([topics["traceability"], topics["circularity"]])
        benchmarks.related_sessions.set([session])
        PublicationOrganization.objects.update_or_create(
            publication=benchmarks,
            organization=orgs["global-battery-alliance"],
            role="publisher",
            defaults={"order": 0},
        )
        # "Inga shared an overview of GBA's recently released Battery Benchmarks".
        PublicationPerson.objects.update_or_create(
            publication=benchmarks,
            person=Person.objects.get(slug="inga-petersen"),
            role=PublicationPerson.Role.PRESENTER,
            defaults={"order": 0},
        )

        body = (DEMO_DIR / "igf-agm-news-post.md").read_text(encoding="utf-8")
        news = Publication.objects.update_or_create(
            slug="irma-engagement-at-igf-annual-general-meeting",
            defaults={
                "title": "IRMA Engagement at IGF Annual General Meeting",
                "type": Publication.Type.NEWS_POST,
                "status": Publication.Status.PUBLISHED,
                "summary": "IRMA co-organised and co-facilitated a partner-led side session with UNEP on "
                "strategies for strengthening traceability and circularity at the IGF 21st AGM in Geneva.",
                "body": body,
                # INVENTED: the posting date. Its language is a fact: the post is in English.
                "published_on": datetime.date(2025, 11, 20),
                "date_invented": True,
                "language": "en",
                "language_invented": False,
                "invented": False,
                "external_url": "https://responsiblemining.net/",
                "featured": False,
            },
        )[0]
        news.topics.set([topics["traceability"], topics["circularity"], topics["un-sg-panel-cetm"]])
        news.related_events.set([event])
        news.related_sessions.set([session])
        PublicationOrganization.objects.update_or_create(
            publication=news, organization=orgs["irma"], role="publisher", defaults={"order": 0}
        )

    def _invented_events(self, orgs, topics) -> None:
        """INVENTED upcoming events, so the calendar and registration have something ahead."""
        webinar = Event.objects.update_or_create(
            slug="traceability-in-practice-webinar-2027",
            defaults={
                "title": "Traceability in Practice: Members' Webinar",
                "summary": "",
                "invented": True,
                "type": Event.Type.WEBINAR,
                "format": Event.Format.ONLINE,
                # Sent to confirmed registrants only (events/policies.py); an address that leads nowhere.
                "online_url": "https://meet.example.org/traceability-in-practice",
                "starts_at": datetime.datetime(2027, 2, 10, 15, 0, tzinfo=datetime.UTC),
                "ends_at": datetime.datetime(2027, 2, 10, 16, 30, tzinfo=datetime.UTC),
                "timezone": "UTC",
                "languages": ["en"],
                "interpretation": ["fr", "es"],
                "status": Event.Status.PUBLISHED,
                "visibility": Event.Visibility.PUBLIC,
                "capacity": 100,
            },
        )[0]
        webinar.topics.set([topics["traceability"]])
        EventOrganization.objects.update_or_create(
            event=webinar, organization=orgs["irma"], role="host", defaults={"order": 0}
        )
        consultation = Event.objects.update_or_create(
            slug="responsible-minerals-consultation-2027",
            defaults={
                "title": "Responsible Minerals Consultation 2027",
                "summary": "Partners may propose side sessions.",
                "invented": True,
                "type": Event.Type.CONSULTATION,
                "format": Event.Format.HYBRID,
                "venue": "Palais des Nations",
                "city": "Geneva",
                "country": "CH",
                "starts_at": _at(2027, 5, 18, 9),
                "ends_at": _at(2027, 5, 19, 17),
                "timezone": "Europe/Zurich",
                "languages": ["en", "fr"],
                "status": Event.Status.PUBLISHED,
                "visibility": Event.Visibility.PUBLIC,
                "capacity": 40,
                "accepts_partner_sessions": True,
            },
        )[0]
        consultation.topics.set([topics["circularity"], topics["critical-minerals"]])
        for order, (slug, role) in enumerate([("irma", "host"), ("unep", "partner")]):
            EventOrganization.objects.update_or_create(
                event=consultation, organization=orgs[slug], role=role, defaults={"order": order}
            )
        members_meeting = Event.objects.update_or_create(
            slug="members-meeting-2027",
            defaults={
                "title": "Members' Meeting 2027",
                "summary": "",
                "invented": True,
                "type": Event.Type.MEMBERS_MEETING,
                "format": Event.Format.HYBRID,
                "city": "Geneva",
                "country": "CH",
                "starts_at": _at(2027, 6, 8, 9),
                "ends_at": _at(2027, 6, 8, 17),
                "timezone": "Europe/Zurich",
                "status": Event.Status.PUBLISHED,
                "visibility": Event.Visibility.MEMBERS,
                "capacity": 60,
            },
        )[0]
        EventOrganization.objects.update_or_create(
            event=members_meeting, organization=orgs["irma"], role="host", defaults={"order": 0}
        )
