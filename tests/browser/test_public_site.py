"""A visitor walks the public site in Chromium; axe-core audits every page type."""

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import SEED_SPEAKERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SPEAKERS = SEED_SPEAKERS


def test_home_to_seed_session_then_ics_then_language(page, live_server, demo_live, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Past events").first.click()
    page.get_by_role("link", name="IGF 21st Annual General Meeting").click()
    assert "Value Beyond Extraction" in page.locator("main").inner_text()
    page.get_by_role("link", name="Strategies for Strengthening Traceability and Circularity").first.click()
    page.wait_for_url("**/sessions/strategies-for-strengthening-traceability-and-circularity/")

    speakers = page.locator("ol.speakers li.speaker")
    names = [" ".join(text.split()) for text in speakers.all_inner_texts()]
    assert len(names) == 9, "eight speakers, the opener also closing"
    for name in SPEAKERS:
        assert any(n.startswith(name) for n in names), name
    assert names[0].startswith("Charlotte Ndakorerwa") and "Opener" in names[0]
    assert names[-1].startswith("Charlotte Ndakorerwa") and "Closer" in names[-1]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "session.ics"
    download_info.value.save_as(path)
    (vevent,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Strategies for Strengthening Traceability and Circularity"
    assert "Inga Petersen" in str(vevent["DESCRIPTION"])

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_selector("html[lang=fr]")
    assert "Co-organisateurs et intervenants" in page.locator("main").inner_text()
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Événements").is_visible()
    page.get_by_label("Langue").select_option("es")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_selector("html[lang=es]")
    assert "Coorganizadores y ponentes" in page.locator("main").inner_text()


PAGES = [
    "/",
    "/events/",
    "/events/?when=past",
    "/events/igf-21st-agm/",
    "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/",
    "/people/marit-kitaw/",
    "/organizations/",
    "/organizations/amdc/",
    "/publications/",
    "/publications/from-mine-to-market/",
    "/news/",
    "/news/irma-engagement-at-igf-annual-general-meeting/",
    "/search/?q=traceability",
    "/topics/ilo-169/",
    "/no-such-page/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/events/responsible-minerals-consultation-2027/register/",
]


def test_axe_finds_no_serious_or_critical_violation(page, live_server, demo_live):
    axe = Axe()
    problems = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[path] = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert problems == {}


def test_narrow_screen_has_no_horizontal_scroll(page, live_server, demo_live):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(
        live_server.url + "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/"
    )
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360
