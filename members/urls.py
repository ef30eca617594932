from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("organizations/<slug:slug>/events.ics", views.organization_ics, name="organization-ics"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]
