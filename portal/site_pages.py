"""The privacy notice, contact page and accessibility statement as the site starts with them (staff rewrite
them in the admin): created by a migration, and put back by `portal.services.site_pages_ensure`."""

DEFAULT_PAGES = {
    "privacy": (
        "Privacy notice",
        "## What we keep\n\n"
        "- Your account: your name, email address and, if you give them, your organisation, title and biography.\n"
        "- Your registrations for events and sessions.\n"
        "- Your newsletter subscription, with the time you gave and confirmed your consent.\n\n"
        "A public profile page is shown only with your consent. Email addresses and phone numbers are never "
        "shown on the site.\n\n"
        "## Your rights\n\n"
        "Signed in, you can download everything we keep about you and delete your account from your profile. "
        "Every newsletter carries a link to unsubscribe at once.",
    ),
    "contact": (
        "Contact",
        "Questions about membership, events or publications are welcome. Members reach the secretariat "
        "through their members' area.",
    ),
    "accessibility": (
        "Accessibility statement",
        "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA: every page can be "
        "used with a keyboard and a screen reader, text keeps a contrast of at least 4.5:1, and pages reflow "
        "without sideways scrolling from 320 pixels wide.\n\n"
        "If something on the site is hard to use, please tell us through the contact page.",
    ),
}
