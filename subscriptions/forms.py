from django import forms
from django.utils.translation import gettext_lazy as _

from cchc_news.models import Topic


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    # Offered on the form's own page only (the bulletins' cached pages do not render it).
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Only these topics"),
        help_text=_("Choose none to receive every topic."),
    )
    # Left empty by people (hidden from them); robots that fill every field get nothing sent.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get("website"))
