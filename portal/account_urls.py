from django.urls import path

from . import account_views

app_name = "accounts"

urlpatterns = [
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/profile/data.json", account_views.profile_data, name="profile-data"),
    path("accounts/profile/delete/", account_views.profile_delete, name="profile-delete"),
    path("accounts/registrations/", account_views.my_registrations, name="registrations"),
    path("members/", account_views.members_area, name="members-area"),
]
