from django.urls import path

from . import account_views, views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("organizations/<slug:slug>/events.ics", views.organization_ics, name="organization-ics"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("membership/apply/", account_views.membership_apply, name="membership-apply"),
    path("members/", account_views.members_area, name="members-area"),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/profile/data.json", account_views.profile_data, name="profile-data"),
    path("accounts/profile/delete/", account_views.profile_delete, name="profile-delete"),
]
