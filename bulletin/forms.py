from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc_news.safe_forms import SafeTextPageForm

# What identifies an issue: fixed once it is issued (a correction changes intro and entries).
ISSUE_FIELDS = ("title", "slug", "number", "iso_year", "iso_week", "period_start", "period_end")
# An expiry date would unpublish the issued bulletin, which nobody may do.
FIXED_ONCE_ISSUED = (*ISSUE_FIELDS, "expire_at")


class BulletinPageForm(SafeTextPageForm):
    """An item may appear in one bulletin only, and once; an issued bulletin keeps its issue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_issued():
            # Disabled: Django ignores what is posted and keeps the issued values.
            for name in FIXED_ONCE_ISSUED:
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean_entries(self):
        entries = self.cleaned_data["entries"]
        item_ids = [block.value["item"].pk for block in entries if block.value["item"]]
        duplicates = {pk for pk in item_ids if item_ids.count(pk) > 1}
        taken = self.instance.memberships_elsewhere(item_ids)
        twice = {
            block.value["item"].title
            for block in entries
            if block.value["item"] and block.value["item"].pk in duplicates
        }
        problems = [_("“%(title)s” is listed twice.") % {"title": title} for title in sorted(twice)]
        problems += [
            _("“%(title)s” is already in %(bulletin)s.")
            % {"title": membership.item.title, "bulletin": membership.bulletin.title}
            for membership in taken.select_related("item", "bulletin")
        ]
        if problems:
            raise ValidationError(problems)
        return entries
