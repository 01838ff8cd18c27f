"""Public URLs of the bulletin app: the bulletins' feed (included before Wagtail's catch-all;
the news feeds are cchc_news's, cchc_news.public.urls)."""

from django.urls import re_path

from cchc_news.public.urls import FORMAT

from . import feeds

app_name = "bulletin"

urlpatterns = [
    re_path(r"^feeds/ban-tin" + FORMAT, feeds.bulletins_feed, name="feed_bulletins"),
]
