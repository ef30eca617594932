from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255)
    email = forms.EmailField(label=_("Email"))
    organization_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
