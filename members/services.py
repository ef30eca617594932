"""Writes that carry a rule for memberships, organisations and people.

Membership status changes only here, one service per transition of the lifecycle table
(members/lifecycles.py). Each locks the row, lets the table refuse an illegal transition, and records who
did it (kernel.StatusChange).
"""

import datetime
import ipaddress

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_lazy, ngettext

from kernel.errors import Conflict, DomainError, InvalidTransition
from kernel.lifecycle import allows
from kernel.notifications import absolute_url, send_after_commit
from kernel.slugs import unique_slug
from kernel.viewer import Viewer

from . import policies
from .houses import DEFAULT_HOUSES
from .lifecycles import MEMBERSHIP, NEWSLETTER
from .models import Affiliation, House, Membership, NewsletterSubscription, Organization, Person, SignIn, User

S = Membership.Status


def _today() -> datetime.date:
    return timezone.localdate()


def _one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def first_dues_period_end(started_on: datetime.date) -> datetime.date:
    """A first dues period runs a full year: approved on 25 November 2026, a membership runs until
    24 November 2027 (and its renewal reminder comes a month before that)."""
    return _one_year_after(started_on) - datetime.timedelta(days=1)


def email_language(*, email: str = "", user=None, default: str | None = None) -> str:
    """The language to write to someone in: their account's (`user`, else the account with that address),
    else `default` (the page's language when they act themselves), else the site's own. Never the language of
    whoever else's action sends the email."""
    if user is None and email:
        user = User.objects.filter(email__iexact=email.strip()).only("language").first()
    languages = dict(settings.LANGUAGES)
    for language in (getattr(user, "language", ""), default):
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


def _date(day: datetime.date) -> str:
    # In the active language: "24 November 2027", "24 novembre 2027", "24 de noviembre de 2027".
    return formats.date_format(day, "j F Y") if day else ""


# What the applicant is told at each step (formatted in the applicant's language, see _tell_applicant).
_EMAILS = {
    S.PENDING: (
        gettext_lazy("More information needed for your membership application"),
        gettext_lazy("We need more information:\n\n%(reason)s"),
    ),
    S.ACTIVE: (
        gettext_lazy("Your membership is active"),
        gettext_lazy("Welcome: %(org)s is a member in the %(house)s house until %(expires)s."),
    ),
    S.REJECTED: (
        gettext_lazy("Your membership application"),
        gettext_lazy("We cannot accept the application of %(org)s.\n\n%(reason)s"),
    ),
    S.SUSPENDED: (
        gettext_lazy("Your membership is suspended"),
        gettext_lazy("The membership of %(org)s is suspended.\n\n%(reason)s"),
    ),
    S.LAPSED: (
        gettext_lazy("Your membership has lapsed"),
        gettext_lazy("The membership of %(org)s lapsed.\n\n%(reason)s"),
    ),
    S.WITHDRAWN: (
        gettext_lazy("Your membership has ended"),
        gettext_lazy("The membership of %(org)s was withdrawn.\n\n%(reason)s"),
    ),
}


def _applicant_language(membership: Membership) -> str:
    # The applicant's (or the contact's) account's language, else the organisation's: the contact may have none.
    return email_language(
        email=membership.contact_email, user=membership.applicant, default=membership.organization.language
    )


def _tell_applicant(membership: Membership, status: str, reason: str | Promise = "") -> None:
    if status not in _EMAILS:
        return
    subject, body = _EMAILS[status]
    with translation.override(_applicant_language(membership)):
        values = {
            "org": membership.organization.name,
            "house": membership.house.name,
            "expires": _date(membership.expires_on),
            "reason": str(reason),
        }
        send_after_commit(to=membership.contact_email, subject=str(subject), body=str(body) % values)


def _transition(
    *, membership: Membership, name: str, by: Viewer | None, reason: str | Promise = "", changes: dict | None = None
) -> Membership:
    # A reason the site writes itself (a lapse for want of renewal) is translatable: the record keeps it in the
    # site's language, the applicant reads it in theirs. One that staff type is kept and sent as typed.
    with translation.override(settings.LANGUAGE_CODE):
        recorded = str(reason)
    try:
        return MEMBERSHIP.perform(
            name,
            membership,
            by=by,
            reason=recorded,
            changes={"status_reason": recorded, **(changes or {})},
            related=("organization", "house"),
            then=lambda locked, _previous: _tell_applicant(locked, locked.status, reason),
        )
    except IntegrityError as exc:
        # Only one active membership per organisation and house (a constraint the database holds).
        raise Conflict(
            f"{membership.organization} already has an active membership in {membership.house}.", field="status"
        ) from exc


def _require_reason(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"A reason is required to {action} a membership.", field="reason")
    return reason


@MEMBERSHIP.performs("apply")
def membership_apply(
    *,
    organization: Organization,
    house: House,
    by: Viewer | None = None,
    statement: str = "",
    applied_on: datetime.date | None = None,
    dues_band: str = Membership.DuesBand.NONE,
    contact_name: str = "",
    contact_email: str = "",
    publicly_listed: bool = False,
) -> Membership:
    """A new application. It is not listed publicly until staff decide so."""
    with transaction.atomic():
        # Lock the organisation so two simultaneous applications cannot both pass the check below.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        existing = Membership.objects.filter(
            organization=organization, house=house, status__in=[S.APPLIED, S.PENDING, S.ACTIVE, S.SUSPENDED]
        ).first()
        if existing is not None:
            raise Conflict(
                f"{organization} already has a membership in {house} that is {existing.get_status_display().lower()}.",
                field="house",
            )
        membership = Membership.objects.create(
            organization=organization,
            house=house,
            status=S.APPLIED,
            applied_on=applied_on or _today(),
            statement=statement,
            dues_band=dues_band if house.dues_apply else Membership.DuesBand.NONE,
            contact_name=contact_name,
            contact_email=contact_email,
            publicly_listed=publicly_listed,
            applicant=by.user if by is not None and by.user_id else None,
        )
        MEMBERSHIP.start(membership, by=by)
        with translation.override(_applicant_language(membership)):
            send_after_commit(
                to=contact_email,
                subject=gettext("We received your membership application"),
                body=gettext(
                    "Thank you. The application of %(org)s to the %(house)s house is with our membership team; "
                    "we will write at each step."
                )
                % {"org": organization.name, "house": house.name},
            )
    return membership


@MEMBERSHIP.performs("request_information")
def membership_request_information(*, membership: Membership, by: Viewer | None, reason: str) -> Membership:
    reason = _require_reason(reason, "ask for more information on")
    return _transition(membership=membership, name="request_information", by=by, reason=reason)


@MEMBERSHIP.performs("approve")
def membership_approve(
    *,
    membership: Membership,
    by: Viewer | None,
    started_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    reason: str = "",
) -> Membership:
    started_on = started_on or _today()
    expires_on = expires_on or first_dues_period_end(started_on)
    if expires_on < started_on:
        raise DomainError("The membership cannot expire before it starts.", field="expires_on")
    return _transition(
        membership=membership,
        name="approve",
        by=by,
        reason=reason,
        changes={"started_on": started_on, "expires_on": expires_on, "ended_on": None},
    )


@MEMBERSHIP.performs("reject")
def membership_reject(*, membership: Membership, by: Viewer | None, reason: str) -> Membership:
    reason = _require_reason(reason, "reject")
    return _transition(membership=membership, name="reject", by=by, reason=reason, changes={"ended_on": _today()})


@MEMBERSHIP.performs("suspend")
def membership_suspend(*, membership: Membership, by: Viewer | None, reason: str) -> Membership:
    reason = _require_reason(reason, "suspend")
    return _transition(membership=membership, name="suspend", by=by, reason=reason)


@MEMBERSHIP.performs("reinstate")
def membership_reinstate(*, membership: Membership, by: Viewer | None, reason: str = "") -> Membership:
    return _transition(membership=membership, name="reinstate", by=by, reason=reason)


@MEMBERSHIP.performs("lapse")
def membership_lapse(*, membership: Membership, by: Viewer | None = None, reason: str | Promise = "") -> Membership:
    return _transition(
        membership=membership,
        name="lapse",
        by=by,
        reason=reason or gettext_lazy("Dues year ended without renewal."),
        changes={"ended_on": _today()},
    )


@MEMBERSHIP.performs("renew")
def membership_renew(
    *, membership: Membership, by: Viewer | None, expires_on: datetime.date | None = None, reason: str = ""
) -> Membership:
    """Extend the dues year (by default one year past the current expiry, or from today if that is past)."""
    with transaction.atomic():
        current = Membership.objects.select_for_update().get(pk=membership.pk)
        base = max(filter(None, [current.expires_on, _today()]))
        expires_on = expires_on or _one_year_after(base)
        if current.expires_on and expires_on <= current.expires_on:
            raise DomainError("A renewal must extend the membership past its current expiry.", field="expires_on")
        if expires_on < _today():
            raise DomainError("A renewal must run into the future.", field="expires_on")
        return _transition(
            membership=current,
            name="renew",
            by=by,
            reason=reason,
            changes={"expires_on": expires_on, "ended_on": None, "started_on": current.started_on or _today()},
        )


@MEMBERSHIP.performs("withdraw")
def membership_withdraw(*, membership: Membership, by: Viewer | None, reason: str) -> Membership:
    reason = _require_reason(reason, "withdraw")
    return _transition(membership=membership, name="withdraw", by=by, reason=reason, changes={"ended_on": _today()})


MEMBERSHIP_EDITABLE_FIELDS = (
    "dues_band",
    "publicly_listed",
    "contact_name",
    "contact_email",
    "statement",
    "applied_on",
    "started_on",
    "expires_on",
)


def membership_update(*, membership: Membership, by: Viewer | None, **changes) -> Membership:
    """Staff correct a membership's details; its status moves only through the lifecycle."""
    unknown = set(changes) - set(MEMBERSHIP_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("house").get(pk=membership.pk)
        for field, value in changes.items():
            setattr(locked, field, value)
        if not locked.house.dues_apply:
            locked.dues_band = Membership.DuesBand.NONE
        if locked.expires_on and locked.started_on and locked.expires_on < locked.started_on:
            raise DomainError("The membership cannot expire before it starts.", field="expires_on")
        locked.save()
    return locked


def membership_save(*, membership: Membership, by: Viewer | None) -> Membership:
    """Staff add a membership (an application they record) or correct one's details in the back office."""
    if membership.pk is None:
        return membership_apply(
            organization=membership.organization,
            house=membership.house,
            by=by,
            dues_band=membership.dues_band,
            publicly_listed=membership.publicly_listed,
            contact_name=membership.contact_name,
            contact_email=membership.contact_email,
            statement=membership.statement,
        )
    changes = {field: getattr(membership, field) for field in MEMBERSHIP_EDITABLE_FIELDS}
    return membership_update(membership=membership, by=by, **changes)


def house_ensure_defaults() -> list[House]:
    """Create any of the default houses that are missing; leave existing ones as staff left them."""
    with transaction.atomic():
        return [
            House.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "board_seats": seats,
                    "votes": votes,
                    "dues_apply": dues,
                    "private_profiles_by_default": private,
                    "order": order,
                },
            )[0]
            for order, (slug, name, seats, votes, dues, private) in enumerate(DEFAULT_HOUSES, start=1)
        ]


# --- people ------------------------------------------------------------------------------------------


def person_create(
    *, family_name: str, given_name: str = "", honorific: str = "", public_profile: bool = False, user=None
) -> Person:
    """A person new to the catalogue. Not public until they (or staff, with their consent) say so."""
    family_name, given_name = family_name.strip(), given_name.strip()
    if not family_name:
        raise DomainError("A family name is required.", field="family_name")
    slug = unique_slug(f"{given_name} {family_name}", taken=Person.objects.all(), fallback="person", max_length=180)
    return Person.objects.create(
        given_name=given_name,
        family_name=family_name,
        honorific=honorific.strip(),
        slug=slug,
        public_profile=public_profile,
        user=user,
        email=getattr(user, "email", "") or "",
    )


def person_ensure_for_user(*, user) -> Person:
    """The person behind an account; accounts made in the admin get one on first use."""
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        # Lock the login so two first visits at once cannot create two people for it.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = person_create(
                family_name=user.last_name or user.get_username(), given_name=user.first_name, user=user
            )
    return person


# --- notices to organisations --------------------------------------------------------------------


def organization_notice_address(*, organization: Organization | None) -> str:
    """Where notices meant for an organisation go: its contact address, else the contact named on its latest
    membership application. Empty when it has neither (the notice is then not sent)."""
    if organization is None:
        return ""
    if organization.contact_email:
        return organization.contact_email
    latest = (
        Membership.objects.filter(organization=organization)
        .exclude(contact_email="")
        .order_by("-applied_on", "-pk")
        .values_list("contact_email", flat=True)
        .first()
    )
    return latest or ""


def profile_update(
    *,
    person,
    given_name: str,
    family_name: str,
    bio: str,
    public_profile: bool,
    phone: str = "",
    language: str | None = None,
):
    """The owner edits their profile; `language` is their account's, the one every email to them is written in
    (empty: unchanged)."""
    if language and language not in dict(settings.LANGUAGES):
        raise DomainError(gettext("Choose one of the site's languages."), field="language")
    with transaction.atomic():
        if language and person.user_id:
            User.objects.filter(pk=person.user_id).update(language=language)
        locked = Person.objects.select_for_update().get(pk=person.pk)
        consent_changed = locked.public_profile != public_profile
        locked.given_name, locked.family_name = given_name.strip(), family_name.strip()
        locked.bio, locked.phone, locked.public_profile = bio.strip(), phone.strip(), public_profile
        if not locked.family_name:
            raise DomainError("A family name is required.", field="family_name")
        if consent_changed:
            locked.consent_recorded_at = timezone.now()
        locked.save()
    return locked


def account_signup(*, user, given_name: str, family_name: str, language: str = settings.LANGUAGE_CODE):
    """Save a new login prepared by the sign-up form (allauth), and create the Person it belongs to.

    The profile is not public until its owner says so. The email address is confirmed separately, so nothing
    here lets the account act before that (the Viewer of an unconfirmed account is no member).
    """
    given_name, family_name = given_name.strip(), family_name.strip()
    if not family_name:
        raise DomainError("A family name is required.", field="family_name")
    with transaction.atomic():
        user.first_name, user.last_name = given_name, family_name
        user.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        user.save()
        person_create(family_name=family_name, given_name=given_name, user=user)
    return user


# Enough to notice a stranger's sign-in among a month of one's own, not a log of every visit.
SIGN_IN_HISTORY = 20


def sign_in_record(*, user, ip: str | None, user_agent: str, new_device: bool) -> SignIn:
    """Remember a sign-in for its owner's profile, keeping only the most recent SIGN_IN_HISTORY."""
    try:
        ip = str(ipaddress.ip_address((ip or "").strip()))
    except ValueError:
        ip = None  # a proxy header that is not an address is not worth keeping
    with transaction.atomic():
        sign_in = SignIn.objects.create(
            user=user, at=timezone.now(), ip=ip, user_agent=(user_agent or "")[:255], new_device=new_device
        )
        older = list(SignIn.objects.of_account(user).values_list("pk", flat=True)[SIGN_IN_HISTORY:])
        if older:
            SignIn.objects.filter(pk__in=older).delete()
    return sign_in


def account_email_changed(*, user):
    """The person's private contact address follows the account's once the new one is confirmed."""
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(user=user).first()
        if person is not None and person.email != user.email:
            person.email = user.email
            person.save(update_fields=["email", "updated_at"])
    return person


def account_email_confirm(*, user):
    """Record the user's current email address as confirmed and primary (accounts vouched for by staff)."""
    from allauth.account.models import EmailAddress

    email = (user.email or "").strip().lower()
    if not email:
        raise DomainError("The account has no email address to confirm.", field="email")
    with transaction.atomic():
        if EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user=user).exists():
            raise Conflict("Another account has already confirmed this email address.", field="email")
        EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=email).update(primary=False)
        address, _created = EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return address


def person_forget(*, person: Person) -> None:
    """Erase what identifies a person whose account is deleted.

    Someone who spoke at a session or authored a publication stays in that public record by name only, with
    no contact details and no profile; anyone else is removed entirely.
    """
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.participations.exists() or locked.publication_roles.exists():
            locked.user = None
            locked.email = locked.phone = locked.bio = locked.website = locked.profile_url = ""
            locked.photo = ""
            locked.public_profile = False
            locked.consent_recorded_at = timezone.now()
            locked.save()
        else:
            locked.affiliations.all().delete()
            locked.delete()


# --- renewals (run daily by the worker's schedule: members.tasks.membership_renewals) -------------


def membership_send_renewal_reminders(*, today: datetime.date | None = None, days_before: int | None = None):
    """Remind active members whose dues year ends within `days_before` days; once per expiry date."""
    today = today or _today()
    days_before = settings.MEMBERSHIP_REMINDER_DAYS if days_before is None else days_before
    due = Membership.objects.filter(
        status=S.ACTIVE, expires_on__isnull=False, expires_on__lte=today + datetime.timedelta(days=days_before)
    ).exclude(reminder_sent_for=models.F("expires_on"))
    reminded = []
    for membership in due.select_related("organization", "house"):
        with transaction.atomic():
            updated = (
                Membership.objects.filter(pk=membership.pk, status=S.ACTIVE)
                .exclude(reminder_sent_for=membership.expires_on)
                .update(reminder_sent_for=membership.expires_on)
            )
            if not updated:  # another run got there first
                continue
            with translation.override(_applicant_language(membership)):
                send_after_commit(
                    to=membership.contact_email,
                    subject=gettext("Your membership is due for renewal"),
                    body=gettext(
                        "The membership of %(org)s in the %(house)s house runs until %(expires)s. "
                        "Please renew before then."
                    )
                    % {
                        "org": membership.organization.name,
                        "house": membership.house.name,
                        "expires": _date(membership.expires_on),
                    },
                )
        reminded.append(membership)
    return reminded


def _not_renewed(days: int) -> str:
    return ngettext(
        "Not renewed within %(days)d day of expiry.", "Not renewed within %(days)d days of expiry.", days
    ) % {"days": days}


# Lazy, so that each reader gets it in their own language (ngettext_lazy's % would translate at once).
_not_renewed_within = lazy(_not_renewed, str)


def membership_lapse_overdue(*, today: datetime.date | None = None, grace_days: int | None = None):
    """Lapse active memberships whose dues year ended more than `grace_days` ago, through the lapse service."""
    today = today or _today()
    grace_days = settings.MEMBERSHIP_GRACE_DAYS if grace_days is None else grace_days
    overdue = Membership.objects.filter(status=S.ACTIVE, expires_on__lt=today - datetime.timedelta(days=grace_days))
    lapsed = []
    for membership in overdue:
        try:
            lapsed.append(
                membership_lapse(
                    membership=membership,
                    by=None,
                    reason=_not_renewed_within(grace_days),
                )
            )
        except InvalidTransition:  # changed by staff meanwhile
            continue
    return lapsed


def membership_application_submit(
    *,
    viewer: Viewer,
    organization_name: str,
    acronym: str,
    type: str,
    country: str,
    website: str,
    house: House,
    contact_name: str,
    contact_email: str,
    statement: str,
    title: str = "",
) -> Membership:
    """The public application form: the organisation, the applicant's affiliation to it, and the application.

    An organisation already in the catalogue under the same name is reused rather than duplicated.
    """
    policies.can_apply_for_membership(viewer).require()
    name = organization_name.strip()
    with transaction.atomic():
        organization = Organization.objects.filter(name__iexact=name).first()
        if organization is None:
            slug = unique_slug(name, taken=Organization.objects.all(), fallback="organisation")
            organization = Organization.objects.create(
                name=name, acronym=acronym.strip(), slug=slug, type=type, country=country, website=website
            )
        person = person_ensure_for_user(user=viewer.user)
        if not person.affiliations.filter(organization=organization, former=False).exists():
            Affiliation.objects.create(person=person, organization=organization, title=title.strip())
        return membership_apply(
            organization=organization,
            house=house,
            statement=statement.strip(),
            by=viewer,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
        )


# --- the newsletter (double opt-in) -------------------------------------------------------------------
# The sign-up answers the same whether the address is new, waiting or already subscribed, so nobody learns who
# is on the list; only the address's owner hears more, by email. Links are signed: the confirmation link
# expires, the unsubscribe link (in every confirmation and newsletter) does not.

NEWSLETTER_CONFIRM_SALT = "members.newsletter.confirm"
NEWSLETTER_UNSUBSCRIBE_SALT = "members.newsletter.unsubscribe"
NEWSLETTER_CONFIRM_DAYS = 7


def newsletter_token(subscription: NewsletterSubscription, *, salt: str) -> str:
    return signing.dumps([subscription.pk, subscription.email], salt=salt, compress=True)


def newsletter_links(subscription: NewsletterSubscription) -> tuple[str, str]:
    """The absolute confirmation and unsubscribe links for `subscription`."""
    confirm = reverse("members:newsletter-confirm", args=[newsletter_token(subscription, salt=NEWSLETTER_CONFIRM_SALT)])
    leave = reverse(
        "members:newsletter-unsubscribe", args=[newsletter_token(subscription, salt=NEWSLETTER_UNSUBSCRIBE_SALT)]
    )
    return absolute_url(confirm), absolute_url(leave)


def _newsletter_confirmation_email(subscription: NewsletterSubscription) -> None:
    confirm, leave = newsletter_links(subscription)
    with translation.override(subscription.language):
        subject = gettext("Confirm your newsletter subscription")
        body = gettext(
            "Someone, probably you, asked to receive our newsletter at this address.\n\n"
            "To confirm, follow this link within %(days)d days:\n%(confirm)s\n\n"
            "If you did not ask for it, ignore this message: nothing more will be sent to you.\n\n"
            "To unsubscribe at any time:\n%(unsubscribe)s\n"
        ) % {"days": NEWSLETTER_CONFIRM_DAYS, "confirm": confirm, "unsubscribe": leave}
    send_after_commit(to=subscription.email, subject=subject, body=body)


@NEWSLETTER.performs("subscribe")
@NEWSLETTER.performs("resubscribe")  # the same sign-up form, for an address already on the list
def newsletter_subscribe(*, email: str, consent: bool, language: str, by: Viewer | None) -> None:
    """Put `email` on the list awaiting its owner's confirmation and send them the link. An address already
    subscribed is left as it is and sent nothing; the caller answers the same either way."""
    if not consent:
        raise DomainError(gettext("Tick the box to agree to receive the newsletter."), field="consent")
    address = email.strip().lower()
    changes = {"consent_at": timezone.now(), "language": language}
    with transaction.atomic():
        subscription = NewsletterSubscription.objects.select_for_update().filter(email=address).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = NewsletterSubscription.objects.create(email=address, **changes)
            except IntegrityError:
                # The same address signed up at the same moment: that sign-up stands.
                return
            NEWSLETTER.start(subscription, by=by)
        elif allows(subscription, "resubscribe"):
            NEWSLETTER.apply("resubscribe", subscription, by=by, changes=changes)
        else:
            return
        _newsletter_confirmation_email(subscription)


def _subscription_from(token: str, *, salt: str, max_age: datetime.timedelta | None) -> NewsletterSubscription:
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise DomainError(gettext("This link is not valid or has expired.")) from exc
    subscription = NewsletterSubscription.objects.select_for_update().filter(pk=pk, email=email).first()
    if subscription is None:
        raise DomainError(gettext("This link is not valid or has expired."))
    return subscription


@NEWSLETTER.performs("confirm")
def newsletter_confirm(*, token: str, by: Viewer | None) -> NewsletterSubscription:
    """The owner followed the confirmation link: the address receives the newsletter from now on. Following it
    again changes nothing; after unsubscribing, the old link no longer subscribes."""
    with transaction.atomic():
        subscription = _subscription_from(
            token, salt=NEWSLETTER_CONFIRM_SALT, max_age=datetime.timedelta(days=NEWSLETTER_CONFIRM_DAYS)
        )
        if allows(subscription, "confirm"):
            return NEWSLETTER.apply("confirm", subscription, by=by, changes={"confirmed_at": timezone.now()})
        if not policies.newsletter_is_receiving(subscription):
            raise DomainError(gettext("This link is not valid or has expired."))
        return subscription


@NEWSLETTER.performs("unsubscribe")
def newsletter_unsubscribe(*, token: str, by: Viewer | None) -> NewsletterSubscription:
    """The owner followed the unsubscribe link: nothing more is sent. Following it again changes nothing."""
    with transaction.atomic():
        subscription = _subscription_from(token, salt=NEWSLETTER_UNSUBSCRIBE_SALT, max_age=None)
        if allows(subscription, "unsubscribe"):
            NEWSLETTER.apply("unsubscribe", subscription, by=by, changes={"unsubscribed_at": timezone.now()})
        return subscription
