from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import account_views, views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization-list"),
    path("membership/apply/", account_views.membership_apply, name="membership-apply"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("members:password-reset-done")),
        name="password-reset",
    ),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("members:password-reset-complete")),
        name="password-reset-confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
]
