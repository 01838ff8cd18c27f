"""Withdrawing a published news item ("Gỡ tin"): how the admin takes an item down.

An item is withdrawn with a reason that visitors read at its URL (see NewsItemPage.route)
and that the item's history keeps. Wagtail's own unpublish does the taking down, so its
history entry, signals (the page cache purge, the search index, the bulletin's reindexing)
all run as for any unpublish; the admin's other ways to unpublish a news item lead here
(cchc_news.wagtail_hooks).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from ..models import NewsItemPage, Withdrawal
from ..signals import item_withdrawn

WITHDRAW_ACTION = "cchc_news.withdraw"


def is_news_item(page):
    return issubclass(page.specific_class or Page, NewsItemPage)


def clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give the reason for withdrawing the item: visitors read it at its address."),
            code="reason_required",
        )
    return reason


@transaction.atomic
def withdraw(item, reason, user):
    """Take the live news item `item` down with `reason`; returns its Withdrawal.

    Raises ValidationError for an empty reason or an item that is not live (withdrawn
    already, or never published), PermissionDenied (Wagtail's UnpublishPagePermissionError)
    if `user` may not unpublish it. `user` None is the system, which may.
    """
    reason = clean_reason(reason)
    # Locked, so that two people withdrawing at once make one withdrawal and one signal.
    item = NewsItemPage.objects.select_for_update().get(pk=item.pk)
    if not item.live:
        raise ValidationError(not_live_message(item), code="not_live")
    UnpublishPageAction(item, user=user).execute()
    withdrawal, _created = Withdrawal.objects.update_or_create(
        item=item,
        defaults={"reason": reason, "withdrawn_at": timezone.now(), "withdrawn_by": user},
    )
    log(item, WITHDRAW_ACTION, user=user, data={"reason": reason})
    item_withdrawn.send(sender=NewsItemPage, item=item, reason=reason, user=user)
    return withdrawal


def not_live_message(item):
    return _("“%(title)s” is not published: there is nothing to withdraw.") % {
        "title": item.get_admin_display_title()
    }


def forget_withdrawal(item):
    """The item is published again: its notice goes away (the history keeps the reason)."""
    Withdrawal.objects.filter(item=item).delete()


def takes_news_down(pages, include_descendants=False):
    """Whether unpublishing `pages` (and their descendants, if asked) takes a live news
    item down: Wagtail's own unpublish would do so without a reason or a notice."""
    pages = [page for page in pages if isinstance(page, Page)]  # bulk actions of snippets too
    if any(is_news_item(page) for page in pages):
        return True
    if not include_descendants or not pages:
        return False
    below = Q()
    for page in pages:
        below |= Q(path__startswith=page.path, depth__gt=page.depth)
    return NewsItemPage.objects.live().filter(below).exists()
