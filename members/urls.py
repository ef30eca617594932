from django.urls import path

from . import account_views, views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization-list"),
    path("membership/apply/", account_views.membership_apply, name="membership-apply"),
    path("newsletter/", views.newsletter_subscribe, name="newsletter-subscribe"),
    path("newsletter/sent/", views.newsletter_sent, name="newsletter-sent"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter-confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.newsletter_unsubscribe, name="newsletter-unsubscribe"),
]
