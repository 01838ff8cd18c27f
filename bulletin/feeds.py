"""The bulletins' feed: Atom 1.0 and JSON Feed 1.1 of the bulletin archive, with WebSub.

Built on cchc_news's feeds (cchc_news.public.feeds: generators, entries, responses), which
hold the news feeds. Only live, public bulletins appear, newest first, at most FEED_LIMIT of
them, in a constant number of queries.
"""

from django.http import Http404
from django.utils import dateformat
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc_news.models import NewsItemPage
from cchc_news.public import feeds as news_feeds
from cchc_news.public.feeds import page_dates, page_link, render_feed, tag_uri

from .models import BulletinIndexPage, BulletinPage

PERIOD_FORMAT = "H:i d/m/Y"  # as on the bulletin page
BULLETIN_FEEDS = [("bulletin:feed_bulletins", {})]


def bulletin_summary(bulletin, item_count):
    return ngettext(
        "Period from %(start)s to %(end)s: %(count)d item.",
        "Period from %(start)s to %(end)s: %(count)d items.",
        item_count,
    ) % {
        "start": dateformat.format(localtime(bulletin.period_start), PERIOD_FORMAT),
        "end": dateformat.format(localtime(bulletin.period_end), PERIOD_FORMAT),
        "count": item_count,
    }


def bulletin_entries(request, bulletins):
    """Entries for bulletins, counting only their items still live and public (one query)."""
    all_ids = {pk for bulletin in bulletins for pk in bulletin.item_ids()}
    shown = set(
        NewsItemPage.objects.filter(pk__in=all_ids).live().public().values_list("pk", flat=True)
    )
    entries = []
    for bulletin in bulletins:
        link = page_link(request, bulletin)
        count = len(shown.intersection(bulletin.item_ids()))
        entries.append(
            {
                "title": bulletin.title,
                "link": link,
                "description": bulletin_summary(bulletin, count),
                "unique_id": tag_uri(bulletin) or link,
                **page_dates(bulletin),
            }
        )
    return entries


def bulletins_feed(request, fmt):
    archive = BulletinIndexPage.objects.live().public().first()
    if archive is None:
        raise Http404
    bulletins = list(
        BulletinPage.objects.child_of(archive)
        .live()
        .public()
        .order_by("-first_published_at", "-pk")[: news_feeds.FEED_LIMIT]
    )
    return render_feed(
        request,
        fmt,
        title=_("CCHC bulletin"),
        home=archive,
        entries=bulletin_entries(request, bulletins),
    )


def feed_urls_for_page(page) -> list[str]:
    """The absolute URLs of every feed (Atom and JSON) that the published `page` appears in:
    the bulletins' feed for a bulletin, cchc_news's news feeds for a news item (the topics of
    the WebSub ping, bulletin.signal_handlers). Empty for a hidden page or any other page."""
    page = page.specific
    if isinstance(page, BulletinPage):
        return news_feeds.feed_urls(page, BULLETIN_FEEDS)
    return news_feeds.feed_urls_for_page(page)
