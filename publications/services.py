"""Writes that carry a rule for publications: the editorial lifecycle and partner submissions."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Organization
from members.services import organization_notice_address
from portal.errors import DomainError, InvalidTransition
from portal.notifications import absolute_url, send_after_commit
from portal.slugs import unique_slug

from .models import Publication, PublicationOrganization

P = Publication.Status


def _transition(*, publication: Publication, sources: set[str], target: str, verb: str, changes=None, notice=None):
    with transaction.atomic():
        locked = (
            Publication.objects.select_for_update(of=("self",)).select_related("submitted_by").get(pk=publication.pk)
        )
        if locked.status not in sources:
            raise InvalidTransition(f"Cannot {verb} a publication that is {locked.get_status_display().lower()}.")
        previous = locked.status
        locked.status = target
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        locked.save()
        if notice is not None:
            notice(locked, previous)
    return locked


def _tell_submitter(publication: Publication, subject: str, body: str) -> None:
    """Email the organisation that submitted the publication through the partner API."""
    send_after_commit(
        to=organization_notice_address(organization=publication.submitted_by),
        subject=subject,
        body=body,
    )


def _published_notice(publication: Publication, previous: str) -> None:
    # Staff's own publications have no submitter; back online after a withdrawal, the submitter already knows.
    if publication.submitted_by is None or previous == P.WITHDRAWN:
        return
    _tell_submitter(
        publication,
        f"Your submission is published: {publication.title}",
        f"The editors published the {publication.get_type_display().lower()} {publication.submitted_by.name} "
        f"submitted.\n\n{publication.title}\n{absolute_url(publication.get_absolute_url())}\n",
    )


def _returned_notice(publication: Publication, previous: str) -> None:
    if publication.submitted_by is None:
        return
    api_url = absolute_url(reverse("api:publication-detail", kwargs={"slug": publication.slug}))
    _tell_submitter(
        publication,
        f"Your submission needs changes: {publication.title}",
        f"The editors sent back the {publication.get_type_display().lower()} {publication.submitted_by.name} "
        f"submitted, with this note:\n\n{publication.review_note}\n\n{publication.title}\n"
        f"Your submission as the editors have it: {api_url}\n",
    )


def publication_publish(*, publication: Publication, by=None) -> Publication:
    """Publish; a partner's submission published for the first time is announced to its organisation."""
    return _transition(
        publication=publication,
        sources={P.DRAFT, P.IN_REVIEW, P.WITHDRAWN},
        target=P.PUBLISHED,
        verb="publish",
        changes={"published_on": publication.published_on or timezone.localdate()},
        notice=_published_notice,
    )


def publication_unpublish(*, publication: Publication, by=None) -> Publication:
    return _transition(publication=publication, sources={P.PUBLISHED}, target=P.DRAFT, verb="unpublish")


def publication_withdraw(*, publication: Publication, by=None) -> Publication:
    return _transition(publication=publication, sources={P.PUBLISHED}, target=P.WITHDRAWN, verb="withdraw")


def publication_return_to_submitter(*, publication: Publication, by=None, note: str) -> Publication:
    """Staff send a submission back with a note; the partner can edit and resubmit."""
    if not note.strip():
        raise DomainError("A note is required when returning a submission.", field="review_note")
    return _transition(
        publication=publication,
        sources={P.IN_REVIEW},
        target=P.DRAFT,
        verb="return",
        changes={"review_note": note.strip()},
        notice=_returned_notice,
    )


def publication_submit(
    *,
    organization: Organization,
    title: str,
    type: str,
    summary: str = "",
    body: str = "",
    external_url: str = "",
    language: str = "en",
) -> Publication:
    """A partner submits a publication; it waits `in_review` until staff publish or return it."""
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
        )
        PublicationOrganization.objects.create(
            publication=publication, organization=organization, role=PublicationOrganization.Role.PUBLISHER
        )
    return publication


def publication_resubmit(*, publication: Publication) -> Publication:
    return _transition(publication=publication, sources={P.DRAFT}, target=P.IN_REVIEW, verb="resubmit")
