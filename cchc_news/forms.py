from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin.autosave import new_form_key
from .checklist.rules import failed_rules
from .publication import may_publish_without_review
from .safe_forms import SafeTextModelForm, SafeTextPageForm
from .slugs import unique_child_slug


class AgencyForm(SafeTextModelForm):
    """The code names the agency's groups and web address: fixed once created."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "code" in self.fields:
            self.fields["code"].disabled = True
        editor = self.fields.get("intake_editor")
        if editor is not None:  # only one of the agency's own editors can own its drafts
            group = self.instance.editors_group
            editor.queryset = group.user_set.all() if group else editor.queryset.none()

    def clean_mail_senders(self):
        """One address a line, checked and written in lower case (mail in)."""
        addresses = []
        for line in self.cleaned_data.get("mail_senders", "").split():
            try:
                validate_email(line)
            except ValidationError:
                raise ValidationError(
                    gettext("“%(address)s” is not an e-mail address.") % {"address": line}
                ) from None
            if line.lower() not in addresses:
                addresses.append(line.lower())
        return "\n".join(addresses)


def field_tab(page, field_name):
    """The heading of the editor's tab that holds `field_name` ("Promote" for the slug)."""
    edit_handler = page.get_edit_handler()
    for tab in getattr(edit_handler, "children", []):
        if field_name in tab.get_form_options().get("fields", []):
            return tab.heading
    return ""


class CCHCPageForm(SafeTextPageForm):
    """Fills a blank slug from the title on the server.

    The admin's JavaScript normally fills it while the title is typed; without it
    (script blocked, form posted by other means) the editor's text must still save.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors:
            # The address field is on a tab the editor is usually not looking at: say which.
            self.add_error(
                None,
                _(
                    "The web address (slug) is on the “%(tab)s” tab: open it to change the "
                    "address, or change the title."
                )
                % {"tab": field_tab(self.instance, "slug")},
            )
        return cleaned_data

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title") or self.data.get("title", "")
        if not slug and title and self.parent_page is not None:
            slug = unique_child_slug(self.parent_page, title, exclude_pk=self.instance.pk)
        return slug


# Form actions that send the item to review; the checklist must pass for them.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


class NewsItemPageForm(CCHCPageForm):
    """The news item editor.

    Drafts may break the checklist; sending for review may not: every failing rule is
    named and the form comes back with everything the editor typed. A reason is
    required to publish without review.

    Only users who may publish (the CCHC office, the leadership) see the reason field;
    for everyone else "publish" is not offered and the item goes through review.

    Publishing without review does not skip the checklist: when rules fail, the publisher
    must tick that they have read them (the form names each one); the history keeps the
    reason and the rules that failed (``record_publication_reason``).
    """

    publication_reason = forms.CharField(
        label=_("Reason for publishing without review"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only to publish this item at once, skipping review; it is kept in the "
            "item's history."
        ),
    )

    acknowledge_failing_rules = forms.BooleanField(
        label=_("I have read the rules not met"),
        required=False,
        help_text=_("Needed to publish at once an item that does not meet every rule."),
    )

    # Identifies one create form across its posts (autosaves, save): see cchc_news.admin.autosave.
    form_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_key"] = new_form_key()
        if not self.user_can_publish():
            del self.fields["publication_reason"]
            del self.fields["acknowledge_failing_rules"]

    def publishes_without_review(self):
        return "action-publish" in self.data and "publication_reason" in self.fields

    def user_can_publish(self):
        user = getattr(self, "for_user", None)
        return user is not None and may_publish_without_review(
            self.instance, user, self.parent_page
        )

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.publishes_without_review()
            and not (cleaned_data.get("publication_reason") or "").strip()
        ):
            self.add_error(
                "publication_reason",
                _("Give the reason for publishing without review; it is kept in the history."),
            )
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what the editor typed
        if any(action in self.data for action in SUBMIT_ACTIONS):
            for rule in failed_rules(self.instance):
                self.add_error(
                    None,
                    _("Not sent for review — %(rule)s: %(detail)s")
                    % {"rule": rule.label, "detail": rule.detail},
                )
        elif self.publishes_without_review():
            self.check_acknowledgement()

    def check_acknowledgement(self):
        """Rules that fail must be acknowledged, each named, before publishing at once."""
        failing = failed_rules(self.instance)
        if failing and not self.cleaned_data.get("acknowledge_failing_rules"):
            for rule in failing:
                self.add_error(
                    "acknowledge_failing_rules",
                    _("Rule not met — %(rule)s: %(detail)s")
                    % {"rule": rule.label, "detail": rule.detail},
                )
            self.add_error(
                "acknowledge_failing_rules",
                _("Tick that you have read the rules not met to publish the item as it is."),
            )
