from django.urls import path

from . import account_views, views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization-list"),
    path("membership/apply/", account_views.membership_apply, name="membership-apply"),
]
