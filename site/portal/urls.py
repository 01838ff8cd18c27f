from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cchc_news.public.document_access import serve_media_except_documents
from cchc_news.query_parameters import ignores_query, sitemap_query
from portal.media import image_urlpatterns

from .health.views import liveness, readiness

urlpatterns = [
    # Health probes (portal.health), answered ahead of most middleware by its ProbeMiddleware.
    path("healthz", liveness, name="healthz"),
    path("readyz", readiness, name="readyz"),
    # The admin's JavaScript catalogue with our Vietnamese strings; must precede Wagtail's.
    path("admin/", include("wagtail_vi.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The public feeds (news, bulletins), before Wagtail's catch-all.
    path("", include("cchc_news.public.urls")),
    path("", include("bulletin.urls")),
    # Subscribing to the bulletin by e-mail (never cached: not Wagtail pages).
    path("", include("subscriptions.urls")),
    # Live, public pages (Wagtail's sitemap).
    path("sitemap.xml", sitemap_query(sitemap), name="sitemap"),
    path(
        "robots.txt",
        ignores_query(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
        name="robots_txt",
    ),
]

# Images and renditions, debug or not (portal.media says why and how safely); behind nginx the
# proxy serves them from disk first.
urlpatterns += image_urlpatterns()

if settings.DEBUG:
    # The rest of MEDIA_ROOT in development; documents only through Wagtail's view and its
    # access check.
    urlpatterns += static(
        settings.MEDIA_URL, view=serve_media_except_documents, document_root=settings.MEDIA_ROOT
    )

urlpatterns += [path("", include(wagtail_urls))]
