"""A visitor on a phone finds the side session by searching in French."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRENCH_TITLE = "Stratégies pour renforcer la traçabilité et la circularité"


def test_a_phone_visitor_on_the_french_site_finds_the_side_session_by_searching_tracabilite(
    browser, live_server, demo_live, source_static
):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/fr/")
        page.get_by_text("Menu", exact=True).click()
        box = page.get_by_role("searchbox", name="Rechercher sur le site").first
        box.fill("traçabilité")
        box.press("Enter")
        page.wait_for_url("**/fr/search/?q=*")
        results = page.get_by_role("region", name="Sessions")
        assert "traçabilité" in results.locator("mark").first.inner_text().casefold()
        # Nothing on the results page is wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        results.get_by_role("link", name=FRENCH_TITLE).click()
        page.wait_for_url(
            "**/fr/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/"
        )
        assert page.locator("main h1").inner_text() == FRENCH_TITLE
        assert page.locator("html").get_attribute("lang") == "fr"
    finally:
        context.close()
