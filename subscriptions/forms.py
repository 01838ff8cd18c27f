from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    # Left empty by people (hidden from them); robots that fill every field get nothing sent.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get("website"))
