"""Public URLs of cchc_news: the news feeds. The host project includes them before Wagtail's
catch-all: `path("", include("cchc_news.public.urls"))`."""

from django.urls import re_path

from . import feeds

app_name = "cchc_news"

FORMAT = r"\.(?P<fmt>atom|json)$"

urlpatterns = [
    re_path(r"^feeds/tin-bai" + FORMAT, feeds.section_news_feed, name="feed_news"),
    re_path(r"^feeds/don-vi/(?P<code>[-\w]+)" + FORMAT, feeds.agency_news_feed, name="feed_agency"),
    re_path(r"^feeds/chu-de/(?P<slug>[-\w]+)" + FORMAT, feeds.topic_news_feed, name="feed_topic"),
]
