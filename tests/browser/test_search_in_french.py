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


def test_the_phone_visitors_whole_journey_in_french(browser, live_server, demo_live, source_static):
    """Issue 14's done-when: search « traçabilité », add the session to one's agenda, see it in one's own time
    zone, open Erica Westenberg's page and the report she launched, in French, with invented facts marked."""
    from events.models import Session

    session = Session.objects.get(slug="strategies-for-strengthening-traceability-and-circularity")
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="fr-FR", timezone_id="America/Lima", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/fr/search/?q=tra%C3%A7abilit%C3%A9")
        page.get_by_role("region", name="Sessions").get_by_role("link", name=FRENCH_TITLE).click()
        page.wait_for_url(f"**/fr/events/igf-21st-agm/sessions/{session.slug}/")
        # Its time is invented for the demo, and the page says so where it shows it.
        assert page.locator("main .badge-invented").first.inner_text() == "Inventé pour la démonstration"

        page.goto(live_server.url + "/fr/events/igf-21st-agm/programme/")
        entry = page.locator(f"#session-{session.pk}")
        assert entry.locator(".session-when .badge-invented").inner_text() == "Inventé pour la démonstration"
        # The session's (invented) time in Geneva, seen from Lima, where this visitor is.
        assert entry.locator(".visitor-time").first.inner_text() == " (07:15 chez vous)"
        entry.locator("button.star").click()
        export = page.locator(".agenda-export")
        assert export.get_attribute("href") == f"/fr/events/igf-21st-agm/agenda.ics?sessions={session.pk}"
        with page.expect_download() as download:
            export.click()
        calendar = open(download.value.path(), "rb").read().decode()  # noqa: SIM115
        assert calendar.count("BEGIN:VEVENT") == 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        page.goto(live_server.url + f"/fr/events/igf-21st-agm/sessions/{session.slug}/")
        page.locator("main").get_by_role("link", name="Erica Westenberg").first.click()
        page.wait_for_url("**/fr/people/erica-westenberg/")
        assert page.locator("html").get_attribute("lang") == "fr"
        page.locator("main a[href^='/fr/publications/']").first.click()
        page.wait_for_url("**/fr/publications/**")
        launched = page.locator("main p.launched").inner_text()
        assert launched.startswith("Lancée par Erica Westenberg"), launched
        assert page.locator("html").get_attribute("lang") == "fr"
    finally:
        context.close()
