"""The API's version history, declared once: the changelog page (/api/v1/changelog/) shows these tables, and
a request to anything listed in DEPRECATIONS is answered with a `Deprecation` header (RFC 9745), a `Sunset`
header when a date is set (RFC 8594) and a `Link` to the changelog.

Within v1 changes are additive: a new field, endpoint or parameter is added; nothing is removed or renamed
before it has been deprecated here and its sunset date has passed.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import http_date


@dataclass(frozen=True)
class Change:
    kind: str  # added | changed | fixed | deprecated
    text: str


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Deprecation:
    """`resource` is a route name of the API router ("session" covers session-list and session-detail, and their
    actions); `field` a field or parameter of it, or None for the whole endpoint."""

    resource: str
    field: str | None
    since: datetime.datetime
    note: str
    sunset: datetime.datetime | None = None

    @property
    def anchor(self) -> str:
        return "deprecated-" + self.resource + (f"-{self.field}" if self.field else "")

    def applies_to(self, url_name: str | None) -> bool:
        return bool(url_name) and (url_name == self.resource or url_name.startswith(self.resource + "-"))


RELEASES: tuple[Release, ...] = (
    Release(
        "1.1",
        datetime.date(2026, 12, 3),
        (
            Change(
                "added",
                "ETag on sessions, registrations, publications and webhook endpoints, also in the answer "
                "to a write; If-Match on PATCH, PUT and DELETE: a stale ETag is answered 412 and changes nothing.",
            ),
            Change(
                "added",
                "This changelog, and a Deprecation header (with Sunset and a Link here) on anything deprecated.",
            ),
            Change(
                "changed",
                "A field the endpoint does not take is a 400 naming it: unknown fields, fields the "
                'resource shows but a write cannot set ("This field is read-only.") and, for partners, '
                "staff-only fields such as a session proposal's organization. They used to be ignored.",
            ),
            Change(
                "changed",
                "Datetimes without an offset from UTC are a 400, in bodies and in filters "
                "(updated_since, starts_after...). They used to be taken as UTC.",
            ),
            Change(
                "changed",
                "Values must have the JSON type the schema gives: a number is not taken for a string, nor a "
                "string for an id or a boolean. limit below 1, a negative offset or one that is not a number "
                "are a 400 (they used to fall back to the defaults); an empty parameter still means not given.",
            ),
            Change(
                "fixed",
                "GET /api/v1/events/?format=hybrid filters events by format; it used to be taken for a "
                "response format and answered 404.",
            ),
            Change(
                "fixed",
                "The schema documents every error answer (one Error component), each operation's scope "
                "(x-scopes), anonymous reads, Idempotency-Key, ETag, If-None-Match, If-Match and Retry-After; "
                "PATCH on sessions documents only the fields it takes, DELETE on registrations its 200.",
            ),
            Change(
                "changed",
                "A POST, PUT, PATCH or DELETE to a path without its trailing slash is answered 308 "
                "(follow it with the same method and body) instead of 301, which clients follow as a GET.",
            ),
            Change(
                "fixed",
                "Every error, including an unknown path, a bad Host, a body above 5 MB (413), NUL "
                "characters, JSON nested deeper than 32 levels and numbers out of range (1e999), is the JSON "
                "body {detail, code, errors}; none is a server error.",
            ),
            Change("fixed", "The docs page and the schema are no longer rate-limited."),
            Change(
                "changed",
                "An Authorization header the API does not accept (a scheme other than Bearer, such as Token or "
                "Basic, or a malformed Bearer) is a 401 with WWW-Authenticate; it used to be read as anonymous.",
            ),
            Change(
                "fixed",
                "A method a resource does not have (DELETE on a list, PUT on a read-only resource...) is a 405 "
                "with an Allow header, whoever asks; it used to be a 401 or 403.",
            ),
            Change(
                "changed",
                "A JSON object with the same key twice is a 400 naming the key (errors.<key>); the last value "
                "used to be taken.",
            ),
            Change(
                "fixed",
                'Errors about the body speak JSON, not Python: "Body is not valid JSON: expecting value at line '
                '1, column 10.", "Expected an array, got a string."',
            ),
            Change(
                "added",
                "Every 201 answers a Location header with the created object's URL (sessions, registrations, "
                "publications, webhook endpoints), also when an Idempotency-Key replays it.",
            ),
            Change(
                "fixed",
                "The redirect of a path without its trailing slash (308 for a write, 301 for a read) has a JSON "
                "body: detail, code redirect, errors and location. It used to be empty, as an HTML page.",
            ),
            Change(
                "added",
                "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers on every answer a rate limit "
                "counted (a 429 too), documented in the schema.",
            ),
            Change(
                "changed",
                "A session's languages and interpretation must be language codes we know (ISO 639-1 or the "
                'site\'s languages, optionally with a region: "pt-BR"); an unknown one ("xx") is a 400 naming it. '
                "They used to be checked by shape only.",
            ),
            Change(
                "fixed",
                "A token limited to named events submits and edits publications of those events only: its "
                "submission names one of them (event or launch_session) and no other, or is a 403. The limit "
                "used to apply to sessions and registrations only.",
            ),
            Change(
                "added",
                'A publication\'s authors may name someone not yet in the catalogue: {"new_person": {"family_name", '
                '"given_name", "honorific"}} beside slugs, as a session\'s speakers are given.',
            ),
            Change(
                "added",
                "The schema links each create to the operations on what it created (OpenAPI links: the 201's id "
                "or slug fills their path parameter).",
            ),
            Change(
                "changed",
                "ordering names fields the list sorts by, once, comma-separated (-title for descending); an "
                "unknown field or a second ordering parameter is a 400 naming ordering. They used to be ignored.",
            ),
            Change(
                "fixed",
                "The changes feed reads a since whose offset is beyond ±15:59 in UTC; it used to be a server error.",
            ),
            Change(
                "changed",
                "Any query parameter given more than once (?search=a&search=b) is a 400 naming it; the last "
                "value used to be taken. ?search= is documented only on the lists that search: the others "
                "(webhook endpoints, deliveries...) ignored it.",
            ),
            Change(
                "added",
                "A publication's author may carry the organisation the publication prints beside their name: "
                '{"person": slug, "printed_affiliation"} or {"new_person": {...}, "printed_affiliation"}; '
                "publications show it as people[].printed_affiliation.",
            ),
            Change(
                "added",
                "A speaker's printed_title and printed_affiliation (a session's speakers, participations) are "
                "translated: they read in the language asked for with Accept-Language, as a session's title "
                "does, else in English. PUT .../speakers/ gives them in English, and a speaker sent again with "
                "the same English for the same role keeps the translations.",
            ),
            Change(
                "added",
                'A registration takes an optional language ("en", "fr" or "es"; default: your organisation\'s) in '
                "which the delegate's emails are written, and shows it; a delegate with an account on the site is "
                "still written to in their account's language. Delegates without one used to be written to in "
                "English.",
            ),
            Change(
                "added",
                'translations on sessions and publications, read and written: {"fr": {"title", "summary", '
                '"description"}, "es": {...}} (a publication\'s body instead of a description), the French and '
                'Spanish as stored, without falling back to English ("" where none is written). A POST or PATCH '
                'changes only the languages and fields it gives; "" removes a translation; an unknown language or '
                "field is a 400 naming it (errors.translations.de, errors.translations.fr.slug). The English stays in "
                "the plain fields. Events, topics, houses and organisations show their translations too (read only).",
            ),
        ),
    ),
    Release(
        "1.0",
        datetime.date(2026, 11, 1),
        (
            Change(
                "added",
                "Read access to organisations, houses, memberships, people, topics, events, sessions, "
                "participations and publications; sessions proposed and edited by partners, speakers, "
                "registrations, publication submissions, the write log, Idempotency-Key, webhooks.",
            ),
        ),
    ),
)

DEPRECATIONS: tuple[Deprecation, ...] = ()


def changelog_url(request, deprecation: Deprecation | None = None) -> str:
    url = request.build_absolute_uri(reverse("api:changelog"))
    return url + (f"#{deprecation.anchor}" if deprecation else "")


def deprecation_headers(request, url_name: str | None) -> dict[str, str]:
    """The headers for a request to `url_name`: the earliest deprecation and sunset that apply to it."""
    applying = [d for d in DEPRECATIONS if d.applies_to(url_name)]
    if not applying:
        return {}
    since = min(d.since for d in applying)
    headers = {
        "Deprecation": f"@{int(since.timestamp())}",
        "Link": ", ".join(f'<{changelog_url(request, d)}>; rel="deprecation"; type="text/html"' for d in applying),
    }
    sunsets = [d.sunset for d in applying if d.sunset]
    if sunsets:
        headers["Sunset"] = http_date(min(sunsets).timestamp())
    return headers


class DeprecationHeaderMiddleware:
    """Adds the deprecation headers to every answer of a deprecated API endpoint (or one with a deprecated
    field), whatever its status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.namespace == "api":
            for name, value in deprecation_headers(request, match.url_name).items():
                if name == "Link" and response.has_header("Link"):
                    value = f"{response['Link']}, {value}"
                response[name] = value
        return response
