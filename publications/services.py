"""Writes that carry a rule for publications: the editorial lifecycle (publications/lifecycles.py) and
partner submissions."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from events.services import NewPerson  # authors not yet in the catalogue are given as speakers are
from kernel.changes import record_change
from kernel.errors import DomainError
from kernel.events import emit
from kernel.notifications import absolute_url, send_after_commit, utc_day_and_time
from kernel.slugs import unique_slug
from kernel.translated import check_translations, translated_fields, translation_columns
from kernel.viewer import Viewer
from members.models import Organization, Person
from members.services import organization_notice_address, person_create

from . import policies
from .lifecycles import PUBLICATION
from .models import Publication, PublicationOrganization, PublicationPerson

P = Publication.Status


def _transition(
    *,
    publication: Publication,
    name: str,
    by: Viewer | None,
    reason: str = "",
    changes=None,
    notice=None,
    event: str | None = None,
):
    def then(locked: Publication, previous: str) -> None:
        if notice is not None:
            notice(locked, previous)
        if event is not None:
            emit(event, locked)

    return PUBLICATION.perform(
        name, publication, by=by, reason=reason, changes=changes, related=("submitted_by",), then=then
    )


def _tell_submitter(
    publication: Publication, subject, body, values: dict | None = None, *, release: datetime.datetime | None = None
) -> None:
    """Email the organisation that submitted the publication through the partner API, in its language
    (Organization.language): `subject` and `body` are untranslated (gettext_lazy), formatted with %(title)s,
    %(type)s, %(org)s, %(page_url)s, %(release)s (`release`, when its embargo ends) and `values`."""
    organization = publication.submitted_by
    with translation.override(organization.language):
        values = {
            "title": publication.title,
            "type": publication.get_type_display().lower(),
            "org": organization.name,
            "page_url": absolute_url(publication.get_absolute_url()),
            "release": f"{utc_day_and_time(release)} UTC" if release else "",
            **(values or {}),
        }
        send_after_commit(
            to=organization_notice_address(organization=organization),
            subject=str(subject) % values,
            body=str(body) % values,
        )


def _published_notice(publication: Publication, previous: str) -> None:
    # Staff's own publications have no submitter; back online after a withdrawal, the submitter already knows.
    if publication.submitted_by is None or previous == P.WITHDRAWN:
        return
    release = publication.release_time if publication.released_at is None else None
    if release is not None:
        body = gettext_lazy(
            "The editors published the %(type)s %(org)s submitted. It is under embargo: only your organisation, its "
            "co-authors and the editors see it until %(release)s, when it goes public by itself.\n\n"
            "%(title)s\n%(page_url)s\n"
        )
    else:
        body = gettext_lazy("The editors published the %(type)s %(org)s submitted.\n\n%(title)s\n%(page_url)s\n")
    _tell_submitter(
        publication,
        gettext_lazy("Your submission is published: %(title)s"),
        body,
        release=release,
    )


def _returned_notice(publication: Publication, previous: str) -> None:
    if publication.submitted_by is None:
        return
    _tell_submitter(
        publication,
        gettext_lazy("Your submission needs changes: %(title)s"),
        gettext_lazy(
            "The editors sent back the %(type)s %(org)s submitted, with this note:\n\n%(note)s\n\n%(title)s\n"
            "Your submission as the editors have it: %(api_url)s\n"
        ),
        {
            "note": publication.review_note,
            "api_url": absolute_url(reverse("api:publication-detail", kwargs={"slug": publication.slug})),
        },
    )


@PUBLICATION.performs("publish")
def publication_publish(*, publication: Publication, by: Viewer | None, reason: str = "") -> Publication:
    """Publish; a partner's submission published for the first time is announced to its organisation.

    Under an embargo whose time has not come, it stays hidden from all but staff and its contributors (the
    policies) and goes public at its release time (`publication_release`, run by the worker); it is dated then.
    """
    with transaction.atomic():
        locked = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("submitted_by", "launched_at")
            .get(pk=publication.pk)
        )
        previous = locked.status
        goes_public = locked.release_time or timezone.now()
        PUBLICATION.apply(
            "publish",
            locked,
            by=by,
            reason=reason,
            changes={"published_on": locked.published_on or timezone.localdate(goes_public)},
        )
        if not policies.is_under_embargo(locked):
            _record_release(locked)
        _published_notice(locked, previous)
    return locked


def _record_release(publication: Publication) -> None:
    """It is public from now on: note when, and tell the partners' webhooks (publications/policies.py decides
    who hears of it)."""
    publication.released_at = timezone.now()
    Publication.objects.filter(pk=publication.pk).update(released_at=publication.released_at)
    record_change(publication)  # an update sends no signal; partners syncing learn it is public now
    emit("publication.published", publication)


@PUBLICATION.performs("release")
def publication_release(*, publication: Publication, by: Viewer | None = None) -> Publication | None:
    """The embargo is over: record that the publication went public, which empties every cache of public pages
    (the content version goes up with the save) and announces `publication.published`. None if it is not due
    (already released, unpublished meanwhile, or its time moved on): safe to run twice."""
    with transaction.atomic():
        locked = Publication.objects.select_for_update(of=("self",)).get(pk=publication.pk)
        if not policies.release_is_due(locked):
            return None
        now = timezone.now()
        PUBLICATION.apply("release", locked, by=by, reason="Its release time came.", changes={"released_at": now})
        emit("publication.published", locked)
    return locked


def publications_release_due(*, by: Viewer | None = None) -> list[Publication]:
    """Release every publication whose embargo is over (the worker runs this every minute)."""
    due = policies.releases_due(Publication.objects.all()).order_by("pk")
    released = [publication_release(publication=publication, by=by) for publication in due]
    return [publication for publication in released if publication is not None]


@PUBLICATION.performs("unpublish")
def publication_unpublish(*, publication: Publication, by: Viewer | None, reason: str = "") -> Publication:
    return _transition(publication=publication, name="unpublish", by=by, reason=reason)


@PUBLICATION.performs("withdraw")
def publication_withdraw(*, publication: Publication, by: Viewer | None, reason: str = "") -> Publication:
    return _transition(publication=publication, name="withdraw", by=by, reason=reason)


@PUBLICATION.performs("return_to_submitter")
def publication_return_to_submitter(*, publication: Publication, by: Viewer | None, reason: str) -> Publication:
    """Staff send a submission back with a note; the partner can edit and resubmit."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("A note is required when returning a submission.", field="review_note")
    return _transition(
        publication=publication,
        name="return_to_submitter",
        by=by,
        reason=reason,
        changes={"review_note": reason},
        notice=_returned_notice,
        event="publication.returned",
    )


@PUBLICATION.performs("submit")
def _normalised(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Author:
    """An author as the publication credits them: a person (existing, or new by name) and the organisation printed
    beside their name."""

    person: Person | NewPerson
    printed_affiliation: str = ""


def _authors(publication: Publication, authors: list[Author | Person | NewPerson]) -> dict[Person, str]:
    """The people behind `authors` with their printed affiliations, in order, each once (the first credit wins),
    creating the new ones as session_set_speakers does: a new author whose name matches one of the publication's
    authors is that person (sending the same list twice creates nobody twice); anyone else is created, not public
    until their consent is recorded."""
    current = {
        _normalised(named.person.full_name): named.person
        for named in publication.publication_people.filter(role=PublicationPerson.Role.AUTHOR).select_related("person")
    }
    people: dict[Person, str] = {}
    for author in authors:
        credit = author if isinstance(author, Author) else Author(person=author)
        person = credit.person
        if isinstance(person, NewPerson):
            key = _normalised(person.full_name)
            if key not in current:
                current[key] = person_create(
                    family_name=person.family_name, given_name=person.given_name, honorific=person.honorific
                )
            person = current[key]
        people.setdefault(person, credit.printed_affiliation.strip())
    return people


def _set_contributors(publication: Publication, *, authors, co_publishers, topics, event, launch_session) -> None:
    """Who made it, what it is about and where it launched, as the submitting partner gives them."""
    if authors is not None:
        authors = _authors(publication, authors)
        PublicationPerson.objects.filter(publication=publication, role=PublicationPerson.Role.AUTHOR).delete()
        for order, (person, affiliation) in enumerate(authors.items(), start=1):
            PublicationPerson.objects.create(
                publication=publication,
                person=person,
                role=PublicationPerson.Role.AUTHOR,
                printed_affiliation=affiliation,
                order=order,
            )
    if co_publishers is not None:
        PublicationOrganization.objects.filter(
            publication=publication, role=PublicationOrganization.Role.PUBLISHER
        ).exclude(organization_id=publication.submitted_by_id).delete()
        for order, organization in enumerate(dict.fromkeys(co_publishers), start=1):
            if organization.pk != publication.submitted_by_id:
                PublicationOrganization.objects.create(
                    publication=publication,
                    organization=organization,
                    role=PublicationOrganization.Role.PUBLISHER,
                    order=order,
                )
    if topics is not None:
        publication.topics.set(topics)
    if launch_session is not None and event is not None and launch_session.event_id != event.pk:
        raise DomainError("The launch session belongs to another event.", field="launch_session")
    if event is not None:
        publication.related_events.set([event])
    if launch_session is not None:
        publication.related_sessions.set([launch_session])
        if not publication.related_events.filter(pk=launch_session.event_id).exists():
            publication.related_events.add(launch_session.event_id)


def _event_ids(event, launch_session) -> set[int]:
    """The events a submission names: its event and its launch session's."""
    ids = set()
    if event is not None:
        ids.add(event.pk)
    if launch_session is not None:
        ids.add(launch_session.event_id)
    return ids


def publication_submit(
    *,
    by: Viewer,
    title: str,
    type: str,
    summary: str = "",
    body: str = "",
    external_url: str = "",
    language: str = "en",
    organization: Organization | None = None,
    authors=None,
    co_publishers=None,
    topics=None,
    event=None,
    launch_session=None,
    translations: dict[str, dict[str, str]] | None = None,
) -> Publication:
    """A partner submits a publication; it waits `in_review` until staff publish or return it. It may name its
    authors (existing people, or new ones by name), co-publishing organisations, topics, and the event and session
    it is launched at, and give the French and Spanish of its title, summary and body (`translations`:
    {"fr": {"title": ...}}) beside the English."""
    translations = translations or {}
    check_translations(translations, translated_fields(Publication))
    policies.can_submit_publication(by).require()
    policies.can_link_publication_to_events(by, _event_ids(event, launch_session)).require()
    if by.is_partner:
        organization = Organization.objects.get(pk=by.partner_id)
    if organization is None:
        raise DomainError("Say which organisation submits the publication.", field="organization")
    if type not in Publication.Type.values:
        raise DomainError(f"Unknown publication type {type!r}.", field="type")
    if not title.strip():
        raise DomainError("A title is required.", field="title")
    with transaction.atomic():
        publication = Publication.objects.create(
            title=title.strip(),
            slug=unique_slug(title, taken=Publication.objects.all(), fallback="publication"),
            type=type,
            status=P.IN_REVIEW,
            summary=summary,
            body=body,
            external_url=external_url,
            language=language,
            submitted_by=organization,
            launched_at=launch_session,
            **translation_columns(translations),
        )
        PublicationOrganization.objects.create(
            publication=publication, organization=organization, role=PublicationOrganization.Role.PUBLISHER
        )
        _set_contributors(
            publication,
            authors=authors,
            co_publishers=co_publishers,
            topics=topics,
            event=event,
            launch_session=launch_session,
        )
        PUBLICATION.start(publication, by=by)
    return publication


SUBMISSION_EDITABLE_FIELDS = ("title", "summary", "body", "external_url", "language")


def publication_update_submission(*, publication: Publication, by: Viewer, **changes) -> Publication:
    """The submitting partner changes its publication before it is published (typically after staff returned
    it with a note); it then resubmits it (`publication_resubmit`). `translations` changes the French and Spanish
    given ({"fr": {"title": ...}}), and no others."""
    translations = changes.pop("translations", None) or {}
    check_translations(translations, translated_fields(Publication))
    related = {
        k: changes.pop(k) for k in ("authors", "co_publishers", "topics", "event", "launch_session") if k in changes
    }
    unknown = set(changes) - set(SUBMISSION_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = Publication.objects.select_for_update(of=("self",)).get(pk=publication.pk)
        policies.can_edit_submission(by, locked).require()
        if "event" in related or "launch_session" in related:
            policies.can_link_publication_to_events(
                by, _event_ids(related.get("event"), related.get("launch_session"))
            ).require()
        for field, value in changes.items():
            setattr(locked, field, value.strip() if field == "title" else value)
        for column, text in translation_columns(translations).items():
            setattr(locked, column, text)
        if not locked.title:
            raise DomainError("A title is required.", field="title")
        if "launch_session" in related:
            locked.launched_at = related["launch_session"]
        locked.save()
        _set_contributors(
            locked,
            authors=related.get("authors"),
            co_publishers=related.get("co_publishers"),
            topics=related.get("topics"),
            event=related.get("event"),
            launch_session=related.get("launch_session"),
        )
    return locked


def publication_attach_file(*, publication: Publication, by: Viewer, file) -> Publication:
    """The submitting partner uploads the publication's file: the document types and size the model allows."""
    field = Publication._meta.get_field("file")
    try:
        for validator in field.validators:
            validator(file)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="file") from exc
    with transaction.atomic():
        locked = Publication.objects.select_for_update(of=("self",)).get(pk=publication.pk)
        policies.can_edit_submission(by, locked).require()
        old = locked.file.name if locked.file else ""
        locked.file.save(file.name, file, save=False)
        locked.save(update_fields=["file", "updated_at"])
        if old and old != locked.file.name:
            transaction.on_commit(lambda: field.storage.delete(old))
    return locked


@PUBLICATION.performs("resubmit")
def publication_resubmit(*, publication: Publication, by: Viewer, reason: str = "") -> Publication:
    policies.can_resubmit(by, publication).require()
    return _transition(publication=publication, name="resubmit", by=by, reason=reason)


def publication_validate(publication: Publication) -> None:
    """The release settings hold together: a set time for a release at a set time, a launch session to follow,
    and no new embargo on a publication that is already public."""
    R = Publication.Release
    if publication.release == R.AT_TIME and publication.release_at is None:
        raise DomainError("Give the time of the release.", field="release_at")
    if publication.release == R.AT_LAUNCH and publication.launched_at_id is None:
        raise DomainError("Say at which session it is launched, or choose another release.", field="launched_at")
    release_time = publication.release_time
    if (
        publication.pk is not None
        and release_time is not None
        and release_time > timezone.now()
        and Publication.objects.filter(pk=publication.pk, status=P.PUBLISHED, released_at__isnull=False).exists()
    ):
        raise DomainError("It is already public: unpublish it before putting it under embargo again.", field="release")


def publication_save(*, publication: Publication, by: Viewer) -> Publication:
    """Staff create or edit a publication in the back office; its status moves only through the lifecycle."""
    publication_validate(publication)
    with transaction.atomic():
        adding = publication.pk is None
        if not publication.slug:
            publication.slug = unique_slug(publication.title, taken=Publication.objects.all(), fallback="publication")
        publication.full_clean()
        publication.save()
        if adding:
            PUBLICATION.start(publication, by=by)
    return publication
