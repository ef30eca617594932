"""The demo data: a news post (kept in portal/demo/) and everything it mentions, plus invented members.

Everything from the news post is real and as the post gives it: the IGF 21st AGM, the UNEP-IRMA side
session (co-organised and co-facilitated by IRMA with UNEP), its eight speakers with their titles as printed,
the organisations, the "From Mine to Market" report Erica Westenberg launched there, GBA's Battery Benchmarks
that Inga Petersen presented, and the news post itself. Nothing beyond the post: no website addresses (the
post gives none), and an organisation's type only where the post's words for it say it (otherwise "other",
which pages do not show).

INVENTED, and flagged on each row so that every page, calendar file and JSON-LD block says so where the fact is
shown (`invented`, `dates_invented`, `time_invented`, `date_invented`, `language_invented`): the exact dates
and times (the post says only "this November"), the publication dates and languages, the upcoming events;
the member organisations used to fill the directory say so in their description.

TRANSLATED (the *_TRANSLATIONS below and the news post's igf-agm-news-post.fr.md / .es.md): the French and
Spanish text of everything above that is not a proper name, word for word from the English, adding no fact. The
news post is published in English only; its French and Spanish pages say the translation is the site's own
(templates/publications/publication_detail.html). Proper names (organisations, people, the Battery Benchmarks)
and the report's title stay as published. The titles and organisations printed beside a speaker's name are
translated as the post's French and Spanish text gives them (PRINTED_TRANSLATIONS), and only where that adds
no fact: a French or Spanish title says whether a man or a woman holds it, which the post says of some speakers
only, so the other titles stay as printed in English.

Loading twice changes nothing: every row is found by its natural key and updated in place.
"""

import datetime
import zoneinfo
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from events.models import Event, EventOrganization, EventSeries, Participation, Session, SessionOrganization
from kernel.models import Topic
from members.models import Affiliation, House, Membership, Organization, Person
from members.services import house_ensure_defaults
from portal.services import site_pages_ensure
from publications.models import Publication, PublicationOrganization, PublicationPerson

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")  # Geneva keeps Zurich time; IANA has no Europe/Geneva
INVENTED = "Invented for the demo; not a real organisation."
DEMO_DIR = Path(__file__).resolve().parent

# TRANSLATED, not in the news post (which is in English): French and Spanish renderings, word for word, adding no
# fact. Shown on /fr/ and /es/ pages. French punctuation takes a no-break space before ":" ";" "?" "!".
NBSP = "\u00a0"
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
    "description_fr": "La session a présenté les travaux du PNUE sur la traçabilité et la circularité, notamment la "
    "mise en œuvre de la résolution 6/5 de l'Assemblée des Nations Unies pour l'environnement (ANUE) sur les "
    f"aspects environnementaux des minéraux et des métaux{NBSP}; des stratégies de l'Union africaine, du G7 et du "
    f"G20{NBSP}; des exemples d'approches de normes volontaires{NBSP}; et une discussion sur les possibilités de "
    "renforcer la cohérence pour amplifier les effets positifs.",
    "description_es": "La sesión presentó el trabajo del PNUMA sobre trazabilidad y circularidad, incluida la "
    "aplicación de la resolución 6/5 de la Asamblea de las Naciones Unidas sobre el Medio Ambiente (UNEA) sobre los "
    "aspectos ambientales de los minerales y metales; estrategias de la Unión Africana, el G7 y el G20; ejemplos "
    "de enfoques de normas voluntarias; y un debate sobre las oportunidades de generar coherencia para ampliar los "
    "impactos positivos.",
}
REPORT_TRANSLATIONS = {
    # The report's title stays as published, in every language (None: the English original is shown).
    "title_fr": None,
    "title_es": None,
    "summary_fr": "Un rapport du Groupe d'experts sur la prévention de la corruption dans les minéraux de "
    "transition, lancé lors de la session parallèle PNUE-IRMA, avec des contributions de l'IRMA.",
    "summary_es": "Un informe del Grupo de Expertos sobre la Prevención de la Corrupción en los Minerales de "
    "Transición, presentado en la sesión paralela PNUMA-IRMA, con contribuciones de IRMA.",
}

EVENT_TRANSLATIONS = {
    "title_fr": "21e Assemblée générale annuelle de l'IGF",
    "title_es": "21.ª Asamblea General Anual del IGF",
    "theme_fr": f"La valeur au-delà de l'extraction{NBSP}: repenser l'exploitation minière pour un avenir résilient",
    "theme_es": "Valor más allá de la extracción: repensar la minería para un futuro resiliente",
    "summary_fr": "Les 86 pays membres de l'IGF se sont réunis avec des participants du monde entier au Palais des "
    "Nations à Genève.",
    "summary_es": "Los 86 países miembros del IGF se reunieron con participantes de todo el mundo en el Palais des "
    "Nations de Ginebra.",
}
SERIES_TRANSLATIONS = {
    "name_fr": "Assemblée générale annuelle de l'IGF",
    "name_es": "Asamblea General Anual del IGF",
}
# The city in each language, as the country's name is shown in it (django-countries): "Genève, Suisse".
GENEVA_NAMES = {"city": "Geneva", "city_fr": "Genève", "city_es": "Ginebra"}
NEWS_TRANSLATIONS = {
    "title_fr": "Participation de l'IRMA à l'Assemblée générale annuelle de l'IGF",
    "title_es": "Participación de IRMA en la Asamblea General Anual del IGF",
    "summary_fr": "L'IRMA a co-organisé et co-animé avec le PNUE une session parallèle organisée par des partenaires, "
    "consacrée aux stratégies pour renforcer la traçabilité et la circularité, lors de la 21e AGA de l'IGF à Genève.",
    "summary_es": "IRMA coorganizó y cofacilitó con el PNUMA una sesión paralela organizada por socios sobre "
    "estrategias para fortalecer la trazabilidad y la circularidad en la 21.ª AGA del IGF en Ginebra.",
}
BENCHMARKS_TRANSLATIONS = {
    "summary_fr": "Les Battery Benchmarks récemment publiés par la Global Battery Alliance, présentés lors de la "
    "session parallèle PNUE-IRMA avec une invitation à collaborer.",
    "summary_es": "Los Battery Benchmarks publicados recientemente por la Global Battery Alliance, presentados en la "
    "sesión paralela PNUMA-IRMA con una invitación a colaborar.",
}
INVENTED_TRANSLATIONS = {
    "description_fr": f"Inventée pour la démonstration{NBSP}; ce n'est pas une organisation réelle.",
    "description_es": "Inventada para la demostración; no es una organización real.",
}
# slug: French and Spanish names of the stakeholder houses the invented members belong to.
HOUSE_TRANSLATIONS = {
    "mining": ("Entreprises minières", "Empresas mineras"),
    "purchasing": ("Entreprises acheteuses", "Empresas compradoras"),
    "finance": ("Finance", "Finanzas"),
    "ngos": ("ONG", "ONG"),
    "affected-communities": ("Communautés affectées", "Comunidades afectadas"),
    "organised-labour": ("Travailleurs organisés", "Trabajadores organizados"),
}
# slug: French and Spanish names of the topics (the identifiers, such as "ILO 169", stay as written).
TOPIC_TRANSLATIONS = {
    "traceability": ("Traçabilité", "Trazabilidad"),
    "circularity": ("Circularité", "Circularidad"),
    "critical-minerals": (
        "Minéraux critiques pour la transition énergétique",
        "Minerales críticos para la transición energética",
    ),
    "anti-corruption": ("Lutte contre la corruption", "Lucha contra la corrupción"),
    "unea-6-5": (
        "Résolution de l'ANUE sur les aspects environnementaux des minéraux et des métaux",
        "Resolución de la UNEA sobre los aspectos ambientales de los minerales y metales",
    ),
    "unea-7-minerals-resolution": (
        "Résolution de la Colombie pour l'ANUE-7 sur les minéraux et les métaux",
        "Resolución de Colombia para la UNEA-7 sobre minerales y metales",
    ),
    "un-sg-panel-cetm": (
        "Groupe du Secrétaire général de l'ONU sur les minéraux critiques pour la transition énergétique"
        f"{NBSP}: principes directeurs et recommandations concrètes",
        "Panel del Secretario General de la ONU sobre Minerales Críticos para la Transición Energética: "
        "Principios Rectores y Recomendaciones Prácticas",
    ),
    "ilo-169": (
        "Convention de l'OIT relative aux peuples indigènes et tribaux",
        "Convenio de la OIT sobre pueblos indígenas y tribales",
    ),
    "g7-critical-minerals-action-plan": (
        "Plan d'action du G7 sur les minéraux critiques et sa feuille de route",
        "Plan de Acción del G7 sobre Minerales Críticos y su Hoja de Ruta",
    ),
    "au-green-minerals-strategy": (
        "Stratégie de l'Union africaine pour les minéraux verts",
        "Estrategia de Minerales Verdes de la Unión Africana",
    ),
    "mercosur-strategic-minerals-plan": (
        "Plan régional du MERCOSUR pour les minéraux stratégiques",
        "Plan Regional de Minerales Estratégicos del MERCOSUR",
    ),
    "chile-national-lithium-strategy": (
        "Stratégie nationale du lithium du Chili",
        "Estrategia Nacional del Litio de Chile",
    ),
}

ORGANIZATIONS = [
    # slug, name, acronym, type, country, parent slug. The type only where the post's own words give it (the
    # name as printed says "Intergovernmental Forum", "UN", "Ministry"); otherwise "other", which pages do not
    # show. No website addresses: the post gives none.
    ("irma", "Initiative for Responsible Mining Assurance", "IRMA", "other", "", None),
    (
        "igf",
        "Intergovernmental Forum on Mining, Minerals, Metals and Sustainable Development",
        "IGF",
        "intergovernmental_forum",
        "",
        None,
    ),
    ("unep", "UN Environment Programme", "UNEP", "un_entity", "", None),
    ("uneca", "UN Economic Commission for Africa", "UNECA", "un_entity", "", None),
    # The post names AMDC beside UNECA ("of UNECA and Former Interim Director of AMDC"), not under it.
    ("amdc", "African Minerals Development Centre", "AMDC", "other", "", None),
    # A secretariat, not a ministry: the post says "National Environment Secretary of Argentina".
    ("argentina-environment-secretariat", "National Environment Secretariat of Argentina", "", "other", "AR", None),
    ("chile-ministry-of-mining", "Ministry of Mining of Chile", "", "government_ministry", "CL", None),
    ("natural-resources-canada", "Natural Resources Canada", "", "other", "CA", None),
    ("nrgi", "Natural Resource Governance Institute", "NRGI", "other", "", None),
    ("global-battery-alliance", "Global Battery Alliance", "GBA", "other", "", None),
    (
        "expert-group-preventing-corruption-transition-minerals",
        "Expert Group on Preventing Corruption in Transition Minerals",
        "",
        "other",
        "",
        None,
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

# TRANSLATED: each speaker's printed title and organisation in French and Spanish, in the words of the news
# post's igf-agm-news-post.fr.md / .es.md (capitalised as a title). None: the English as printed is shown. The
# post gives no pronoun for Marit Kitaw or Daniel Hill, and its translation words their roles without one
# ("qui a assuré la direction par intérim", "que ocupa la dirección adjunta"); a title ("directeur",
# "directrice") would say which, so theirs stay in English. Names the post keeps in English stay so (IRMA, NRGI,
# the Global Battery Alliance).
PRINTED_TRANSLATIONS = {
    "charlotte-ndakorerwa": {
        "printed_title_fr": None,
        "printed_title_es": None,
        "printed_affiliation_fr": "Programme des Nations Unies pour l'environnement (PNUE)",
        "printed_affiliation_es": "Programa de las Naciones Unidas para el Medio Ambiente (PNUMA)",
    },
    "kristi-disney-bruckner": {
        "printed_title_fr": "Directrice du droit et des politiques",
        "printed_title_es": "Directora de Derecho y Políticas",
        "printed_affiliation_fr": None,
        "printed_affiliation_es": None,
    },
    "marit-kitaw": {
        "printed_title_fr": None,
        "printed_title_es": None,
        "printed_affiliation_fr": "Commission économique des Nations Unies pour l'Afrique (CEA)",
        "printed_affiliation_es": "Comisión Económica de las Naciones Unidas para África (CEPA)",
    },
    "nicolini": {
        "printed_title_fr": "Parlementaire, ancienne secrétaire nationale à l'Environnement de l'Argentine, qui mène "
        "les discussions sur les minéraux de la transition énergétique en Argentine et au sein du MERCOSUR",
        "printed_title_es": "Parlamentaria, ex secretaria nacional de Ambiente de la Argentina, que lidera los "
        "debates sobre los minerales para la transición energética en la Argentina y en el MERCOSUR",
        "printed_affiliation_fr": None,
        "printed_affiliation_es": None,
    },
    "rodrigo-urquiza-caroca": {
        "printed_title_fr": None,
        "printed_title_es": None,
        "printed_affiliation_fr": "Ministère des Mines du Chili",
        "printed_affiliation_es": "Ministerio de Minería de Chile",
    },
    "daniel-hill": {
        "printed_title_fr": None,
        "printed_title_es": None,
        "printed_affiliation_fr": "Ressources naturelles Canada",
        "printed_affiliation_es": "Recursos Naturales de Canadá",
    },
    "erica-westenberg": {
        "printed_title_fr": "Directrice des programmes de gouvernance",
        "printed_title_es": "Directora de Programas de Gobernanza",
        "printed_affiliation_fr": None,
        "printed_affiliation_es": None,
    },
    "inga-petersen": {
        "printed_title_fr": "Directrice exécutive",
        "printed_title_es": "Directora ejecutiva",
        "printed_affiliation_fr": None,
        "printed_affiliation_es": None,
    },
}


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
                slug=slug,
                defaults={
                    "name": name,
                    "name_fr": TOPIC_TRANSLATIONS[slug][0],
                    "name_es": TOPIC_TRANSLATIONS[slug][1],
                    "kind": kind,
                    "identifier": identifier,
                },
            )[0]
            for slug, name, kind, identifier in TOPICS
        }
        event, session = self._igf_agm(orgs, topics)
        self._speakers(orgs, session)
        self._publications(orgs, topics, event, session)
        self._invented_events(orgs, topics)
        site_pages_ensure()
        return (
            f"Demo data loaded: {Organization.objects.count()} organisations, {Event.objects.count()} events, "
            f"{Session.objects.count()} sessions, {Person.objects.count()} people, "
            f"{Publication.objects.count()} publications."
        )

    def _organizations(self) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {}
        for slug, name, acronym, type_, country, parent in ORGANIZATIONS:
            orgs[slug] = Organization.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "acronym": acronym,
                    "type": type_,
                    "country": country,
                    "parent": orgs.get(parent) if parent else None,
                    "website": "",  # the post gives no address
                },
            )[0]
        houses = {house.slug: house for house in house_ensure_defaults()}
        for slug, (name_fr, name_es) in HOUSE_TRANSLATIONS.items():
            House.objects.filter(slug=slug).update(name_fr=name_fr, name_es=name_es)
        for index, (house_slug, name, type_, country) in enumerate(INVENTED_MEMBERS):
            org = Organization.objects.update_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "type": type_,
                    "country": country,
                    "description": INVENTED,
                    **INVENTED_TRANSLATIONS,
                },
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
            defaults={
                "name": "IGF Annual General Meeting",
                **SERIES_TRANSLATIONS,
                "acronym": "IGF AGM",
                "convened_by": orgs["igf"],
            },
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
                **EVENT_TRANSLATIONS,
                "description": "",
                "type": Event.Type.AGM,
                "format": Event.Format.IN_PERSON,
                "venue": "Palais des Nations",
                **GENEVA_NAMES,
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
        # The AGM is the IGF's own ("IGF 21st Annual General Meeting"): it is the one organisation of the meeting.
        # IRMA and UNEP organised one "Partner-led Side Session" in it: they are that session's co-organisers and
        # co-facilitators (below), not partners of the whole meeting, which the post never says.
        event_roles = [("igf", "organiser")]
        EventOrganization.objects.filter(event=event).exclude(
            pk__in=[
                EventOrganization.objects.update_or_create(
                    event=event, organization=orgs[slug], role=role, defaults={"order": order}
                )[0].pk
                for order, (slug, role) in enumerate(event_roles)
            ]
        ).delete()
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
                        **PRINTED_TRANSLATIONS[slug],
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
                    **PRINTED_TRANSLATIONS[person.slug],
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
                # The post gives no address for the report, and names no site that publishes it: no link.
                "external_url": "",
                "external_url_opens": "item",
                # Public from the moment it was launched at the side session.
                "release": Publication.Release.AT_LAUNCH,
                "released_at": session.starts_at,
                "featured": True,
            },
        )[0]
        report.topics.set([topics["traceability"], topics["anti-corruption"]])
        report.related_events.set([event])
        report.related_sessions.set([session])
        # "the Expert Group on Preventing Corruption in Transition Minerals report [...], noting contributions from
        # IRMA": the Expert Group's report (its author; the post names no publisher), IRMA a contributor.
        report_roles = [("expert-group-preventing-corruption-transition-minerals", "author"), ("irma", "contributor")]
        PublicationOrganization.objects.filter(publication=report).exclude(
            pk__in=[
                PublicationOrganization.objects.update_or_create(
                    publication=report, organization=orgs[slug], role=role, defaults={"order": order}
                )[0].pk
                for order, (slug, role) in enumerate(report_roles)
            ]
        ).delete()
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
                **BENCHMARKS_TRANSLATIONS,
                # INVENTED: the release date (the news post says "recently released") and the language.
                "published_on": datetime.date(2025, 10, 1),
                "date_invented": True,
                "language": "en",
                "language_invented": True,
                "invented": False,
                # No address: the post gives none for the Benchmarks or for GBA.
                "external_url": "",
                "external_url_opens": "item",
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
        # TRANSLATED: the site's own French and Spanish text of the post (the page says so).
        body_fr = (DEMO_DIR / "igf-agm-news-post.fr.md").read_text(encoding="utf-8")
        body_es = (DEMO_DIR / "igf-agm-news-post.es.md").read_text(encoding="utf-8")
        news = Publication.objects.update_or_create(
            slug="irma-engagement-at-igf-annual-general-meeting",
            defaults={
                "title": "IRMA Engagement at IGF Annual General Meeting",
                "type": Publication.Type.NEWS_POST,
                "status": Publication.Status.PUBLISHED,
                "summary": "IRMA co-organised and co-facilitated a partner-led side session with UNEP on "
                "strategies for strengthening traceability and circularity at the IGF 21st AGM in Geneva.",
                **NEWS_TRANSLATIONS,
                "body": body,
                "body_fr": body_fr,
                "body_es": body_es,
                # INVENTED: the posting date. Its language is a fact: the post is in English.
                "published_on": datetime.date(2025, 11, 20),
                "date_invented": True,
                "language": "en",
                "language_invented": False,
                "invented": False,
                # No address: the post's own is not known here, and the post gives none.
                "external_url": "",
                "external_url_opens": "item",
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
                "title_fr": f"La traçabilité en pratique{NBSP}: webinaire des membres",
                "title_es": "La trazabilidad en la práctica: seminario web para miembros",
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
                "title_fr": "Consultation 2027 sur les minéraux responsables",
                "title_es": "Consulta 2027 sobre minerales responsables",
                "summary": "Partners may propose side sessions.",
                "summary_fr": "Les partenaires peuvent proposer des sessions parallèles.",
                "summary_es": "Los socios pueden proponer sesiones paralelas.",
                "invented": True,
                "type": Event.Type.CONSULTATION,
                "format": Event.Format.HYBRID,
                "venue": "Palais des Nations",
                **GENEVA_NAMES,
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
                "title_fr": "Réunion des membres 2027",
                "title_es": "Reunión de miembros 2027",
                "summary": "",
                "invented": True,
                "type": Event.Type.MEMBERS_MEETING,
                "format": Event.Format.HYBRID,
                **GENEVA_NAMES,
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
