from django import forms
from django.utils.translation import gettext_lazy as _

from cchc_news.models import Agency, Topic


class InterestsForm(forms.Form):
    """The choice of topics and agencies (the rule: interests.py)."""

    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Only these topics"),
        help_text=_("Choose none to receive every topic."),
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Only these agencies"),
        help_text=_(
            "Choose none to receive the news of every agency. If you choose both topics and "
            "agencies, you receive only the news of the chosen agencies on the chosen topics."
        ),
    )


class SubscribeForm(InterestsForm):
    # Before the choices: the fields in the order the form shows them.
    field_order = ["email", "topics", "agencies", "website"]

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    # The choices are offered on the form's own page only (the bulletins' cached pages do
    # not render them).
    # Left empty by people (hidden from them); robots that fill every field get nothing sent.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get("website"))


class AddressOnlySubscribeForm(SubscribeForm):
    """The form without its choices of topics and agencies, as the pages that do not offer
    them render it (every bulletin's): made without copying their fields' querysets."""

    topics = None
    agencies = None
