"""Wagtail hooks of the Word import: its views, its buttons in the explorer and the page header,
and its entry in an item's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter

from ..models import NewsIndexPage, NewsItemPage
from .actions import WORD_IMPORT_ACTION, can_import_into
from .views import import_url, replace_url, urlpatterns

# Word (.docx) import: a new draft under an agency's index, or a draft's content replaced.


@hooks.register("register_admin_urls")
def register_word_import_urls():
    return urlpatterns


def word_import_button(page, user, button_class, priority):
    """The "Import from a Word file" button of an agency index the user may add to."""

    index = page.specific_deferred
    if isinstance(index, NewsIndexPage) and can_import_into(index, user):
        yield button_class(
            _("Import from a Word file"), import_url(index), icon_name="doc-full", priority=priority
        )


def word_replace_button(page, user, button_class, priority):
    """The "Replace the content from a Word file" button of a draft the user may edit."""

    item = page.specific_deferred
    if (
        isinstance(item, NewsItemPage)
        and not page.live
        and page.permissions_for_user(user).can_edit()
    ):
        yield button_class(
            _("Replace the content from a Word file"),
            replace_url(item),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_listing_buttons")
def word_import_listing_buttons(page, user, next_url=None):
    yield from word_import_button(page, user, ListingButton, 6)


@hooks.register("register_page_listing_more_buttons")
def word_replace_listing_buttons(page, user, next_url=None):
    yield from word_replace_button(page, user, Button, 25)


@hooks.register("register_page_header_buttons")
def word_import_header_buttons(page, user, view_name, next_url=None):
    yield from word_import_button(page, user, Button, 6)
    yield from word_replace_button(page, user, Button, 6)


@hooks.register("register_log_actions")
def register_word_import_log_action(actions):
    @actions.register_action(WORD_IMPORT_ACTION)
    class WordImport(LogFormatter):
        label = _("Import from a Word file")

        def format_message(self, log_entry):
            values = {"file": log_entry.data.get("file", "")}
            if log_entry.data.get("replaced"):
                return _("Content replaced from the Word file “%(file)s”") % values
            return _("Created from the Word file “%(file)s”") % values
