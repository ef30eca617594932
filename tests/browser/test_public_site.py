"""A visitor walks the public site in Chromium (layout and accessibility: test_layout_and_accessibility.py)."""

import icalendar
import pytest

from tests.conftest import DEMO_SPEAKERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEAKERS = DEMO_SPEAKERS


def test_home_to_seed_session_then_ics_then_language(page, live_server, demo_live, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Past events").first.click()
    page.get_by_role("link", name="IGF 21st Annual General Meeting").click()
    assert "Value Beyond Extraction" in page.locator("main").inner_text()
    page.get_by_role("link", name="Strategies for Strengthening Traceability and Circularity").first.click()
    page.wait_for_url("**/sessions/strategies-for-strengthening-traceability-and-circularity/")

    speakers = page.locator("ol.speakers li.speaker .speaker-text")
    names = [" ".join(text.split()) for text in speakers.all_inner_texts()]
    # Eight speakers, one line each: the opener, who also closes, shows both roles on hers.
    assert [next(s for s in SPEAKERS if n.startswith(s)) for n in names] == SPEAKERS
    assert names[0].startswith("Charlotte Ndakorerwa Opener, Closer"), names[0]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "session.ics"
    download_info.value.save_as(path)
    (vevent,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Strategies for Strengthening Traceability and Circularity"
    assert "Inga Petersen" in str(vevent["DESCRIPTION"])

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_selector("html[lang=fr]")
    assert "Co-organisateurs et intervenants" in page.locator("main").inner_text()
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Événements").is_visible()
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Español").click()
    page.wait_for_selector("html[lang=es]")
    assert "Coorganizadores y ponentes" in page.locator("main").inner_text()
