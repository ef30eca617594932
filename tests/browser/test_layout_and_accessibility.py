"""Every page type in Chromium at a phone's and a desktop's width, in English, French and Spanish: no sideways
scrolling, no WCAG 2.2 AA violation axe-core can find, a navigation that marks where the visitor is, a menu
button that opens the navigation on a phone, and a focus ring that stands out."""

from pprint import pformat

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Long-and-unusual-passphrase-42"
SESSION = "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/"
CONSULTATION = "/events/responsible-minerals-consultation-2027/"
MEMBERS_ONLY = "/publications/members-briefing/"
CANCEL_TOKEN = "0b6f3c52-9a51-4a57-8d0f-5d3c2a1e7f10"

# One page of each type, on the demo data.
PUBLIC_PAGES = {
    "home": "/",
    "events list": "/events/",
    "past events": "/events/?when=past",
    "event page": "/events/igf-21st-agm/",
    "session page": SESSION,
    "programme": "/events/igf-21st-agm/programme/",
    "series archive": "/events/series/igf-agm/",
    "person page": "/people/erica-westenberg/",
    "organisation list": "/organizations/",
    "organisation page": "/organizations/irma/",
    "publications list": "/publications/",
    "publication page": "/publications/from-mine-to-market/",
    "news list": "/news/",
    "news page": "/news/irma-engagement-at-igf-annual-general-meeting/",
    "search results": "/search/?q=traceability",
    "topic page": "/topics/ilo-169/",
    "topics index": "/topics/",
    "sign-in": "/accounts/login/",
    "sign-up": "/accounts/signup/",
    "sign-up with errors": "/accounts/signup/#post",
    "password reset": "/accounts/password/reset/",
    "registration": "/events/responsible-minerals-consultation-2027/register/",
    "not found": "/no-such-page/",
    "privacy notice": "/privacy/",
    "newsletter sign-up": "/newsletter/",
    "newsletter sign-up with errors": "/newsletter/#post",
    "newsletter sent": "/newsletter/sent/",
    "contact page": "/contact/",
    "accessibility statement": "/accessibility/",
    "members-only document, signed out": MEMBERS_ONLY,
    "cancel a registration": f"/events/registrations/{CANCEL_TOKEN}/cancel/",
}
# Signed in as a member registered for the consultation (the `pages` fixture).
SIGNED_IN_PAGES = {
    "profile": "/accounts/profile/",
    "membership application": "/membership/apply/",
    "my registrations": "/accounts/registrations/",
    "members' area": "/members/",
    "members-only document": MEMBERS_ONLY,
    "event page, registered": CONSULTATION,
}


@pytest.fixture
def demo_live(demo_live):
    """The demo data, and what the page types above need beyond it: a members-only document and a registration
    to cancel (both invented for the tests)."""
    import uuid

    from events.models import Event

    factories.PublicationFactory(slug="members-briefing", title="A briefing for members", members_only=True)
    factories.RegistrationFactory(
        event=Event.objects.get(slug="responsible-minerals-consultation-2027"), cancel_token=uuid.UUID(CANCEL_TOKEN)
    )


WIDTHS = [390, 1280]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# The pages that are refusals on purpose; every other page answers 200.
REFUSALS = {"not found": 404, "members-only document, signed out": 403}


def open_page(page, live_server, path: str) -> int:
    """Open the page (for "#post", send its form empty); its HTTP status."""
    if path.endswith("#post"):
        # A form sent empty, so the page shows its error summary and field errors.
        page.goto(live_server.url + path.removesuffix("#post"))
        with page.expect_response(lambda response: response.request.method == "POST") as sent:
            page.locator("main form button[type=submit]").click()
        page.wait_for_selector(".error-summary")
        return sent.value.status
    return page.goto(live_server.url + path).status


def sign_in(page, live_server) -> None:
    """A member of an organisation with an active membership, registered for the consultation."""
    from events.models import Event

    user = factories.member_user(username="visitor@example.org", email="visitor@example.org", password=PASSWORD)
    factories.RegistrationFactory(
        event=Event.objects.get(slug="responsible-minerals-consultation-2027"), user=user, email=user.email
    )
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/profile/")


def overflowing(page) -> int:
    """How many pixels the page is wider than the window (0 when it needs no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(page, live_server, demo_live):
    too_wide, statuses = {}, {}
    for pages in (PUBLIC_PAGES, SIGNED_IN_PAGES):
        if pages is SIGNED_IN_PAGES:
            sign_in(page, live_server)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for name, path in pages.items():
                statuses[name] = open_page(page, live_server, path)
                if excess := overflowing(page):
                    too_wide[(width, name)] = excess
    assert too_wide == {}
    # Each page type is the page it is named for, not an error page standing in for it.
    expected = {name: REFUSALS.get(name, 200) for name in (*PUBLIC_PAGES, *SIGNED_IN_PAGES)}
    assert statuses == expected


def test_smallest_phone_width_still_fits(page, live_server, demo_live):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = {}
    for name in ("events list", "publications list", "news list", "session page", "sign-up with errors"):
        open_page(page, live_server, PUBLIC_PAGES[name])
        if excess := overflowing(page):
            too_wide[name] = excess
    assert too_wide == {}


def axe_violations(page) -> list:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        (v["id"], [(n["target"], n.get("failureSummary", "")) for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_axe_finds_no_wcag_22_aa_violation_in_any_language(browser, live_server, source_static, demo_live, language):
    context = browser.new_context(locale={"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}[language])
    page = context.new_page()
    # Each language at its own address: English unprefixed, /fr/…, /es/….
    prefix = "" if language == "en" else f"/{language}"
    problems = {}
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for name, path in PUBLIC_PAGES.items():
                open_page(page, live_server, prefix + path)
                assert page.locator("html").get_attribute("lang") == language, path
                if violations := axe_violations(page):
                    problems[(width, name)] = violations
        sign_in(page, live_server)
        for name, path in SIGNED_IN_PAGES.items():
            open_page(page, live_server, prefix + path)
            if violations := axe_violations(page):
                problems[name] = violations
    finally:
        context.close()
    assert problems == {}, pformat(problems)


def test_navigation_marks_the_current_page(page, live_server, demo_live):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/publications/")
    nav = page.get_by_role("navigation", name="Main")
    current = nav.locator("[aria-current]")
    assert current.all_inner_texts() == ["Publications"] and current.get_attribute("aria-current") == "page"
    mark = "getComputedStyle(el).borderBottomColor"
    assert current.evaluate(f"el => {mark}") == "rgb(11, 85, 99)"
    assert nav.get_by_role("link", name="Events").evaluate(f"el => {mark}") == "rgba(0, 0, 0, 0)"
    # Inside a section the section's link is marked too, as the place the visitor is in.
    page.goto(live_server.url + SESSION)
    assert nav.locator("[aria-current]").all_inner_texts() == ["Events"]


def test_menu_button_opens_the_navigation_on_a_phone(page, live_server, demo_live):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 130, "the header stays small on a phone"
    assert not nav.get_by_role("link", name="Events").is_visible()
    page.get_by_text("Menu", exact=True).click()
    nav.get_by_role("link", name="Events").click()
    page.wait_for_url("**/events/")
    assert page.get_by_role("heading", level=1).inner_text() == "Upcoming events"
    # On a desktop the navigation is there without a button.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()


def overlapping_header_items(page) -> list[str]:
    """The visible navigation links, menu button and search form whose boxes intersect the site name's."""
    name = page.locator(".site-header .brand span").bounding_box()
    items = page.locator(".site-header .nav a, .site-header .menu > summary, .site-header .menu-panel .search-form")
    overlapping = []
    for item in items.all():
        box = item.bounding_box() if item.is_visible() else None
        if box and (
            name["x"] < box["x"] + box["width"]
            and box["x"] < name["x"] + name["width"]
            and name["y"] < box["y"] + box["height"]
            and box["y"] < name["y"] + name["height"]
        ):
            overlapping.append(item.inner_text().strip() or item.evaluate("el => el.className"))
    return overlapping


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_the_site_name_never_overlaps_the_navigation(page, live_server, demo_live, language):
    """The French name ("Portail de l'exploitation minière responsable") is the longest: at 1024 and 1280px it
    ran over "Événements"; the menu moves under the name instead, at every width, with no sideways scrolling."""
    prefix = "" if language == "en" else f"/{language}"
    problems = {}
    for width in (320, 390, 768, 992, 1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + prefix + "/")
        if overlapping := overlapping_header_items(page):
            problems[width] = overlapping
        if excess := overflowing(page):
            problems[(width, "sideways scroll")] = excess
    assert problems == {}


def test_menu_works_without_javascript(browser, live_server, source_static, demo_live):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        nav = page.get_by_role("navigation", name="Main")
        assert not nav.get_by_role("link", name="News").is_visible()
        page.get_by_text("Menu", exact=True).click()
        assert nav.get_by_role("link", name="News").is_visible()
    finally:
        context.close()


def contrast(first: str, second: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_keyboard_focus_ring_contrasts_at_least_3_to_1(page, live_server, demo_live):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/events/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content" and skip.is_visible()
    page.locator("main a").first.focus()
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    focused = page.locator(":focus")
    style = focused.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,"
        " getComputedStyle(document.body).backgroundColor]; }"
    )
    outline_style, outline_width, outline_color, page_background = style
    assert outline_style == "solid" and outline_width >= 2
    assert contrast(outline_color, page_background) >= 3
    assert contrast(outline_color, "rgb(255, 255, 255)") >= 3, "also on cards and the header"


def test_footer_sits_at_the_bottom_of_a_short_page(page, live_server, demo_live):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(live_server.url + "/accounts/password/reset/")
    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(1000, abs=1)


def test_print_hides_navigation_and_forms_and_shows_link_targets(page, live_server, demo_live):
    page.goto(live_server.url + SESSION)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    speaker = page.locator("ol.speakers a").first
    after = speaker.evaluate("el => getComputedStyle(el, '::after').content")
    assert after == f'" ({speaker.get_attribute("href")})"' == '" (/people/charlotte-ndakorerwa/)"'
