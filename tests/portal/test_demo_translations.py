"""The demo in French and Spanish: its content is translated into the *_fr / *_es fields (the news post's text
as the site's own translation, said so on the page); proper names and the report's title stay as published;
place names read in one language ("Genève, Suisse"); invented-for-the-demo notes are translated too."""

import pytest

from tests.events.test_views import DEMO_SESSION
from tests.html import parse
from tests.portal.test_demo_fidelity import facts

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
AGM = "/events/igf-21st-agm/"
NEWS = "/news/irma-engagement-at-igf-annual-general-meeting/"
REPORT_TITLE = "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption"


def main(client, path):
    return parse(client.get(path).content).find("main")


@pytest.mark.parametrize(
    ("language", "title", "theme", "venue"),
    [
        (
            "fr",
            "21e Assemblée générale annuelle de l'IGF",
            f"Thème{NBSP}: «{NBSP}La valeur au-delà de l'extraction{NBSP}: repenser l'exploitation minière pour un "
            f"avenir résilient{NBSP}»",
            "Palais des Nations, Genève, Suisse · Carte (OpenStreetMap)",
        ),
        (
            "es",
            "21.ª Asamblea General Anual del IGF",
            "Eje temático: «Valor más allá de la extracción: repensar la minería para un futuro resiliente»",
            "Palais des Nations, Ginebra, Suiza · Mapa (OpenStreetMap)",
        ),
    ],
)
def test_the_agm_page_in_french_and_spanish(demo, client, language, title, theme, venue):
    response = client.get(f"/{language}{AGM}")
    page = parse(response.content).find("main")
    assert page.find("h1").text == title
    assert page.find("p", class_="lead").text == " ".join(theme.split())
    assert theme.split("«")[0] + "«" in response.content.decode(), "no-break spaces kept"
    assert list(facts(page).values())[3] == venue
    session = page.find("article", class_="card session")
    assert (
        session.find("h3").text
        == {
            "fr": "Stratégies pour renforcer la traçabilité et la circularité",
            "es": "Estrategias para fortalecer la trazabilidad y la circularidad",
        }[language]
    )


def test_the_session_page_translates_its_description_and_topics(demo, client):
    page = main(client, f"/fr{DEMO_SESSION}")
    assert page.find("div", class_="prose").text.startswith(
        "La session a présenté les travaux du PNUE sur la traçabilité et la circularité"
    )
    topics = [li.text for li in page.find("ul", class_="tags").find_all("li")]
    assert "Convention de l'OIT relative aux peuples indigènes et tribaux (ILO 169)" in topics
    assert "Stratégie nationale du lithium du Chili" in topics
    assert facts(page)["Lieu"] == "Palais des Nations, Genève, Suisse · Carte (OpenStreetMap)"
    spanish = main(client, f"/es{DEMO_SESSION}")
    assert "Estrategia Nacional del Litio de Chile" in [
        li.text for li in spanish.find("ul", class_="tags").find_all("li")
    ]
    assert facts(spanish)["Lugar"] == "Palais des Nations, Ginebra, Suiza · Mapa (OpenStreetMap)"


@pytest.mark.parametrize(
    ("language", "title", "first_words", "note"),
    [
        (
            "fr",
            "Participation de l'IRMA à l'Assemblée générale annuelle de l'IGF",
            "En novembre, l\u2019IRMA a participé à la 21e Assemblée générale annuelle (AGA)",
            "Traduction : Portail de l'exploitation minière responsable. Publié en anglais uniquement.",
        ),
        (
            "es",
            "Participación de IRMA en la Asamblea General Anual del IGF",
            "En noviembre, IRMA participó en la 21.ª Asamblea General Anual (AGA)",
            "Traducción: Portal de la minería responsable. Publicado solo en inglés.",
        ),
    ],
)
def test_the_news_post_is_translated_and_says_whose_translation_it_is(demo, client, language, title, first_words, note):
    page = main(client, f"/{language}{NEWS}")
    assert page.find("h1").text == title
    assert page.find("p", class_="meta translation-note").text == note
    assert page.find("div", class_="prose").text.startswith(first_words)
    # The report's title stays as published, inside the translated text too.
    quoted = f"«{'&nbsp;' if language == 'fr' else ''}{REPORT_TITLE}"
    assert quoted in client.get(f"/{language}{NEWS}").content.decode()


def test_the_english_news_post_has_no_translation_note(demo, client):
    assert main(client, NEWS).find_all("p", class_="meta translation-note") == []


def test_the_report_keeps_its_published_title_with_a_translated_summary(demo, client):
    page = main(client, "/fr/publications/from-mine-to-market/")
    assert page.find("h1").text == REPORT_TITLE
    assert page.find("p", class_="lead content").text.startswith("Un rapport du Groupe d'experts")
    benchmarks = main(client, "/es/publications/battery-benchmarks/")
    assert benchmarks.find("h1").text == "Battery Benchmarks"
    assert benchmarks.find("p", class_="lead content").text == (
        "Los Battery Benchmarks publicados recientemente por la Global Battery Alliance, presentados en la sesión "
        "paralela PNUMA-IRMA con una invitación a colaborar."
    )
    # The post gives no address for it: the page links nowhere else (tests/portal/test_demo_fidelity.py).
    assert benchmarks.find_all("p", class_="actions downloads") == []


@pytest.mark.parametrize(
    ("language", "note", "house"),
    [
        ("fr", "Inventée pour la démonstration ; ce n'est pas une organisation réelle.", "Entreprises minières"),
        ("es", "Inventada para la demostración; no es una organización real.", "Empresas mineras"),
    ],
)
def test_invented_members_say_so_in_the_page_language(demo, client, language, note, house):
    page = main(client, f"/{language}/organizations/altiplano-lithium-works/")
    assert page.find("p", class_="content").text == note
    assert (
        page.find("section", aria_labelledby="membership-heading").find("li").text
        == f"{house}, "
        + {
            "fr": "depuis 2019",
            "es": "desde 2019",
        }[language]
    )


@pytest.mark.parametrize(
    ("language", "path", "title", "first_words"),
    [
        ("fr", "/fr/privacy/", "Politique de confidentialité", "Ce que nous conservons"),
        ("es", "/es/privacy/", "Aviso de privacidad", "Lo que conservamos"),
        ("fr", "/fr/contact/", "Contact", "Les questions sur l'adhésion"),
        ("es", "/es/accessibility/", "Declaración de accesibilidad", "Aspiramos a cumplir"),
    ],
)
def test_site_pages_in_each_language(demo, client, language, path, title, first_words):
    page = main(client, path)
    assert page.find("h1").text == title
    assert page.find("div", class_="content").text.startswith(first_words)


def test_invented_upcoming_events_are_translated_with_their_city(demo, client):
    page = main(client, "/fr/events/responsible-minerals-consultation-2027/")
    assert page.find("h1").text == "Consultation 2027 sur les minéraux responsables"
    assert facts(page)["Lieu"].startswith("Palais des Nations, Genève, Suisse")
    assert page.find("p", class_="content").text == "Les partenaires peuvent proposer des sessions parallèles."
