from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from modeltranslation.admin import TranslationAdmin

from kernel.admin_tools import LifecycleAdmin, ServiceAdmin, ServiceInlineMixin, csv_export_action, viewer_of

from . import services
from .lifecycles import MEMBERSHIP
from .models import Affiliation, House, Membership, NewsletterSubscription, Organization, Person, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(House)
class HouseAdmin(TranslationAdmin, ServiceAdmin):
    list_display = ["name", "board_seats", "votes", "dues_apply", "private_profiles_by_default", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(ServiceInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["house", "status", "started_on", "expires_on", "dues_band", "publicly_listed"]
    # Status moves only through the lifecycle (the buttons on a membership's own page).
    readonly_fields = ["status"]
    show_change_link = True
    save_service = staticmethod(lambda *, instance, by: services.membership_save(membership=instance, by=by))


class AffiliationInline(ServiceInlineMixin, admin.TabularInline):
    model = Affiliation
    extra = 0
    fields = ["organization", "title", "start_date", "end_date", "former"]
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin, ServiceAdmin):
    list_display = ["name", "acronym", "type", "country", "parent", "updated_at"]
    list_filter = ["type", "country", "memberships__house", "memberships__status"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    actions = [
        csv_export_action(
            [
                ("name", lambda o: o.name),
                ("acronym", lambda o: o.acronym),
                ("type", lambda o: o.get_type_display()),
                ("country", lambda o: o.country.code),
                ("parent", lambda o: o.parent.name if o.parent else ""),
                ("website", lambda o: o.website),
            ],
            filename="organisations",
        )
    ]


@admin.register(Membership)
class MembershipAdmin(LifecycleAdmin):
    lifecycle = MEMBERSHIP
    service_argument = "membership"
    save_service = staticmethod(services.membership_save)
    list_display = [
        "organization",
        "house",
        "status",
        "started_on",
        "expires_on",
        "dues_band",
        "publicly_listed",
    ]
    list_filter = ["status", "house", "dues_band", "publicly_listed"]
    list_select_related = ["organization", "house"]
    search_fields = ["organization__name", "organization__acronym"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "applied_on"
    readonly_fields = ["status_reason", "reminder_sent_for"]
    actions = [
        csv_export_action(
            [
                ("organisation", lambda m: m.organization.name),
                ("house", lambda m: m.house.name),
                ("status", lambda m: m.get_status_display()),
                ("applied_on", lambda m: m.applied_on),
                ("started_on", lambda m: m.started_on),
                ("expires_on", lambda m: m.expires_on),
                ("dues_band", lambda m: m.get_dues_band_display()),
                ("publicly_listed", lambda m: m.publicly_listed),
            ],
            filename="memberships",
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = super().get_readonly_fields(request, obj)
        # Which organisation and house a membership is for is fixed once applied for.
        return [*fixed, "organization", "house", "applicant"] if obj is not None else fixed


@admin.register(Person)
class PersonAdmin(ServiceAdmin):
    list_display = ["__str__", "honorific", "public_profile", "email", "user", "updated_at"]
    list_filter = ["public_profile"]
    list_select_related = ["user"]
    search_fields = ["given_name", "family_name", "email"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["user"]
    readonly_fields = ["consent_recorded_at"]
    inlines = [AffiliationInline]
    actions = [
        csv_export_action(
            [
                ("given_name", lambda p: p.given_name),
                ("family_name", lambda p: p.family_name),
                ("public_profile", lambda p: p.public_profile),
                ("email", lambda p: p.email),
            ],
            filename="people",
        )
    ]


@admin.register(Affiliation)
class AffiliationAdmin(ServiceAdmin):
    list_display = ["person", "title", "organization", "former", "start_date", "end_date"]
    list_filter = ["former"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__family_name", "person__given_name", "organization__name", "title"]
    autocomplete_fields = ["person", "organization"]


@admin.register(NewsletterSubscription)
class NewsletterSubscriptionAdmin(ServiceAdmin):
    """Who asked for the newsletter, and whether they confirmed: read-only (subscribers change it themselves
    through the links they are sent), exported as CSV for sending. Deleting a row erases the address."""

    list_display = ["email", "status", "language", "consent_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = ["email", "status", "language", "consent_at", "confirmed_at", "unsubscribed_at"]
    fields = readonly_fields
    actions = [
        csv_export_action(
            [
                ("email", lambda s: s.email),
                ("status", lambda s: s.status),
                ("language", lambda s: s.language),
                ("consent_at", lambda s: s.consent_at.isoformat()),
                ("confirmed_at", lambda s: s.confirmed_at.isoformat() if s.confirmed_at else ""),
            ],
            filename="newsletter-subscribers",
        )
    ]

    def get_queryset(self, request):
        return NewsletterSubscription.objects.visible_to(viewer_of(request))

    def has_add_permission(self, request):
        return False
