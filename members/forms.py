from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import House, Organization


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up (email, password twice) with the name the new person's profile starts from."""

    given_name = forms.CharField(
        label=_("Given name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    family_name = forms.CharField(
        label=_("Family name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["given_name", "family_name", "email", "password1", "password2"])


class ProfileForm(forms.Form):
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    family_name = forms.CharField(
        label=_("Family name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    bio = forms.CharField(
        label=_("Short biography"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=3000
    )
    phone = forms.CharField(
        label=_("Phone (never shown publicly)"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    public_profile = forms.BooleanField(
        label=_("Show my public profile page (name, current affiliations, sessions and publications)"),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails we send you"),
        choices=settings.LANGUAGES,
        widget=forms.Select(attrs={"autocomplete": "language"}),
        help_text=_("Confirmations, decisions and reminders are written in it, whoever sends them."),
    )


class MembershipApplicationForm(forms.Form):
    organization_name = forms.CharField(
        label=_("Organisation name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=50, required=False)
    # No type chosen in advance: the applicant says what they are.
    type = forms.ChoiceField(label=_("Type of organisation"), choices=[("", "---------"), *Organization.Type.choices])
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", "---------"), *countries],
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    house = forms.ModelChoiceField(label=_("Stakeholder house"), queryset=House.objects.all(), to_field_name="slug")
    contact_name = forms.CharField(
        label=_("Contact name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(label=_("Contact email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    title = forms.CharField(
        label=_("Your title in the organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    statement = forms.CharField(
        label=_("Statement of intent"), widget=forms.Textarea(attrs={"rows": 6}), min_length=20, max_length=10000
    )


class DeleteAccountForm(forms.Form):
    """Erasure asks for the password again; accounts without one confirm through allauth's reauthentication."""

    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class NewsletterForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=_("I agree to receive the newsletter by email. I can unsubscribe at any time."),
        help_text=_("We use your address for the newsletter only; the privacy notice says how we keep it."),
        error_messages={"required": _("Tick the box to agree to receive the newsletter.")},
    )
