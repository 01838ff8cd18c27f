"""The confirmation of an assembly: the previewed item set, and an early publication's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .weeks import Week


class ConfirmAssemblyForm(forms.Form):
    week = forms.CharField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    early = forms.BooleanField(
        label=_("Publish early, before the cut-off"),
        required=False,
        help_text=_(
            "Items approved after this publication and before the cut-off will go into "
            "the next bulletin."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for publishing early"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the bulletin's history."),
    )

    def __init__(self, *args, before_cutoff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_cutoff = before_cutoff
        if not before_cutoff:
            del self.fields["early"], self.fields["reason"]

    def clean_week(self):
        try:
            return Week.parse(self.cleaned_data["week"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if not self.before_cutoff:
            return cleaned
        if not cleaned.get("early"):
            self.add_error(
                "early",
                _(
                    "The cut-off has not passed: tick “Publish early” and give a reason, "
                    "or wait for the cut-off."
                ),
            )
        elif not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for publishing before the cut-off."))
        return cleaned

    def early_reason(self):
        if self.before_cutoff and self.cleaned_data.get("early"):
            return self.cleaned_data["reason"].strip()
        return None
