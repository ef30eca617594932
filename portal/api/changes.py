"""`GET /api/v1/changes/`: everything a caller may read that changed since a point, in one cursor-paginated
feed, with tombstones for what was deleted or became invisible to it.

It reads the change journal (kernel/changes.py). For each changed row it asks the kind's own API list (its
queryset, built on the app's `visible_to(viewer)` policies, and its serializer): a row the caller may read comes
with its representation, exactly as `GET` on its resource answers; one it may no longer read is a tombstone,
`"change": "removed"`, with its kind and id only.

A tombstone names a row the caller could have seen: only a write after which or before which the row was
visible to everyone (or, for a member, to members) yields one. Another organisation's proposals, drafts and
other rows never shown beyond staff and the organisations involved never appear, not even as an id.
"""

import base64
import binascii
import datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api.views import EventViewSet, SessionViewSet
from kernel.models import ChangeRecord
from members.api.views import MembershipViewSet, OrganizationViewSet, PersonViewSet
from partners.api.authentication import api_viewer
from partners.api.permissions import CatalogueAccess
from publications.api.views import PublicationViewSet

# The kinds of the feed and the API list that says what the caller reads of each, in the order they are fetched.
KIND_VIEWS = {
    "event": EventViewSet,
    "session": SessionViewSet,
    "person": PersonViewSet,
    "organization": OrganizationViewSet,
    "membership": MembershipViewSet,
    "publication": PublicationViewSet,
}
DEFAULT_LIMIT, MAX_LIMIT = 100, 500
AUDIENCE = ChangeRecord.Audience


def _encode(record_id: int) -> str:
    return base64.urlsafe_b64encode(f"c{record_id}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("c") or not raw[1:].isdigit():
            raise ValueError
        return int(raw[1:])
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ValidationError({"cursor": ["Not a cursor this feed gave out."]}) from None


def _limit(value: str | None) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if not value.isdigit() or int(value) < 1:
        raise ValidationError({"limit": ["A whole number from 1."]})
    return min(int(value), MAX_LIMIT)


def _since(value: str) -> datetime.datetime:
    moment = parse_datetime(value.replace(" ", "+")) if len(value) < 64 else None
    if moment is None:
        raise ValidationError({"since": ["An ISO 8601 date and time with its offset, e.g. 2027-01-01T00:00:00Z."]})
    if timezone.is_naive(moment):
        raise ValidationError({"since": ["Give the time zone offset (Z for UTC)."]})
    # Offsets beyond ±15:59 are ISO 8601 but not PostgreSQL; in UTC every offset is one it takes, as the lists'
    # own datetime filters do it (kernel/api/filters.py).
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise ValidationError({"since": ["Datetime out of range."]}) from None


def tombstone_audiences(viewer) -> set[str] | None:
    """Which writes may tell this caller that a row is gone: None for all (staff)."""
    if viewer.is_staff:
        return None
    return {AUDIENCE.PUBLIC, AUDIENCE.MEMBERS} if viewer.is_member else {AUDIENCE.PUBLIC}


entry = inline_serializer(
    "Change",
    {
        "kind": serializers.ChoiceField(choices=list(KIND_VIEWS)),
        "id": serializers.IntegerField(),
        "change": serializers.ChoiceField(choices=["created", "updated", "removed"]),
        "changed_at": serializers.DateTimeField(),
        "object": serializers.DictField(allow_null=True, help_text="As GET on its resource answers; null if removed."),
    },
)


class ChangesView(APIView):
    """What changed since a point: created and updated rows of every kind the caller may read (events, sessions,
    people, organisations, memberships, publications) with their representation, and tombstones for rows that
    were deleted or became invisible to the caller (unpublished, cancelled, made members-only).

    Start with `?since=<ISO 8601 datetime>` (or nothing, for everything), then follow `next_cursor`
    (`?cursor=...`) until `has_more` is false; keep the last `next_cursor` for the next sync."""

    permission_classes = [CatalogueAccess]

    @extend_schema(
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATETIME, description="Changes at or after this time."),
            OpenApiParameter("cursor", OpenApiTypes.STR, description="The `next_cursor` of the previous page."),
            OpenApiParameter("limit", OpenApiTypes.INT, description=f"At most this many changes (<= {MAX_LIMIT})."),
        ],
        responses={
            200: inline_serializer(
                "ChangesPage",
                {
                    "results": entry.__class__(many=True),
                    "next_cursor": serializers.CharField(),
                    "has_more": serializers.BooleanField(),
                    "next": serializers.URLField(allow_null=True),
                },
            )
        },
    )
    def get(self, request):
        params = request.query_params
        unknown = set(params) - {"since", "cursor", "limit"}
        if unknown:
            raise ValidationError({name: ["Unknown parameter."] for name in sorted(unknown)})
        if "since" in params and "cursor" in params:
            raise ValidationError({"cursor": ["Send either since or cursor."]})
        limit = _limit(params.get("limit"))
        settled = timezone.now() - datetime.timedelta(seconds=settings.PORTAL_API_CHANGES_SETTLE_SECONDS)
        journal = ChangeRecord.objects.filter(changed_at__lte=settled)
        after = _decode(params["cursor"]) if "cursor" in params else 0
        page = journal.filter(pk__gt=after)
        if "since" in params:
            page = page.filter(changed_at__gte=_since(params["since"]))
        rows = list(page.order_by("pk")[: limit + 1])
        has_more = len(rows) > limit
        rows = rows[:limit]
        # Nothing new: the next sync starts after what exists now (rows before `since` included).
        last = rows[-1].pk if rows else max(after, journal.aggregate(last=Max("pk"))["last"] or 0)
        next_cursor = _encode(last)
        return Response(
            {
                "results": self._entries(request, rows),
                "next_cursor": next_cursor,
                "has_more": has_more,
                "next": request.build_absolute_uri(f"{request.path}?cursor={next_cursor}") if has_more else None,
            }
        )

    def _entries(self, request, rows: list[ChangeRecord]) -> list[dict]:
        viewer = api_viewer(request)
        latest: dict[tuple[str, int], ChangeRecord] = {}
        created, seen_by = set(), {}
        for row in rows:
            key = (row.kind, row.object_id)
            latest.pop(key, None)
            latest[key] = row  # re-inserted: ordered by its last change
            if row.created:
                created.add(key)
            seen_by.setdefault(key, set()).add(row.audience)
        represented: dict[tuple[str, int], dict] = {}
        for kind, view_class in KIND_VIEWS.items():
            ids = [object_id for (k, object_id) in latest if k == kind]
            if ids:
                view = view_class(request=request, format_kwarg=None, args=(), kwargs={}, action="list")
                objects = view.get_queryset().filter(pk__in=ids)
                for data in view.get_serializer(objects, many=True).data:
                    represented[(kind, data["id"])] = data
        audiences = tombstone_audiences(viewer)
        entries = []
        for key, row in latest.items():
            data = represented.get(key)
            if data is None and audiences is not None and not (seen_by[key] & audiences):
                continue  # never shown to an audience this caller belongs to: not even its id
            change = "removed" if data is None else "created" if key in created else "updated"
            entries.append(
                {"kind": key[0], "id": key[1], "change": change, "changed_at": row.changed_at, "object": data}
            )
        return entries
