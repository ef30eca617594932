from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("upcoming.ics", views.upcoming_ics, name="upcoming-ics"),
    path("registrations/<uuid:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
    path("<slug:slug>/", views.event_detail, name="event-detail"),
    path("<slug:slug>/programme/", views.event_programme, name="event-programme"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("<slug:slug>/event.ics", views.event_ics, name="event-ics"),
    path("<slug:slug>/register/", views.event_register, name="event-register"),
    path("<slug:event_slug>/sessions/<slug:slug>/", views.session_detail, name="session-detail"),
    path("<slug:event_slug>/sessions/<slug:slug>/session.ics", views.session_ics, name="session-ics"),
    path("<slug:event_slug>/sessions/<slug:slug>/register/", views.session_register, name="session-register"),
]
