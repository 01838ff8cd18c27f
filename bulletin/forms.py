from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class BulletinPageForm(WagtailAdminPageForm):
    """An item may appear in one bulletin only, and once."""

    def clean_entries(self):
        from .models import BulletinMembership

        entries = self.cleaned_data["entries"]
        item_ids = [block.value["item"].pk for block in entries if block.value["item"]]
        duplicates = {pk for pk in item_ids if item_ids.count(pk) > 1}
        taken = BulletinMembership.objects.filter(item_id__in=item_ids).exclude(
            bulletin_id=self.instance.pk
        )
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
