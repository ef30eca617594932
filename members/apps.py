from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and organisations"

    def ready(self):
        from allauth.account.signals import email_changed

        from kernel import changes

        from .models import Affiliation, Membership, Organization, Person

        # What partners sync through the changes feed; a person's affiliations belong to the person.
        changes.track(Organization, "organization")
        changes.track(Membership, "membership")
        changes.track(Person, "person")
        changes.track(Affiliation, "person", parent="person_id")

        # allauth's adapter has no hook for a confirmed change of address; its signal hands it to the service.
        email_changed.connect(_email_changed, dispatch_uid="members.person_email_follows_account")


def _email_changed(sender, request, user, **kwargs):
    from . import services

    services.account_email_changed(user=user)
