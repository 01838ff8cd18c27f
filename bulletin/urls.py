"""Public URLs of the bulletin app: the feeds (included before Wagtail's catch-all)."""

from django.urls import re_path

from . import feeds

app_name = "bulletin"

FORMAT = r"\.(?P<fmt>atom|json)$"

urlpatterns = [
    re_path(r"^feeds/ban-tin" + FORMAT, feeds.bulletins_feed, name="feed_bulletins"),
    re_path(r"^feeds/tin-bai" + FORMAT, feeds.section_news_feed, name="feed_news"),
    re_path(r"^feeds/don-vi/(?P<code>[-\w]+)" + FORMAT, feeds.agency_news_feed, name="feed_agency"),
    re_path(r"^feeds/chu-de/(?P<slug>[-\w]+)" + FORMAT, feeds.topic_news_feed, name="feed_topic"),
]
