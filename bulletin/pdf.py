"""The bulletin as a PDF, rendered on the server with WeasyPrint."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from cchc_news.links import SiteRootPathsHolder
from cchc_news.public.page_cache import current_generation


def pdf_filename(bulletin):
    return f"ban-tin-cchc-so-{bulletin.number}-{bulletin.iso_year}.pdf"


def render_pdf(bulletin, base_url):
    """PDF bytes of the published bulletin, cached per revision and state of public content."""
    # The page cache's generation changes whenever public content does (an item of the
    # bulletin unpublished or made private): the PDF must not keep showing it.
    version = f"{bulletin.live_revision_id}:{current_generation()}"
    key = f"bulletin-pdf:{bulletin.pk}:{version}:{translation.get_language()}"
    pdf = cache.get(key)
    if pdf is None:
        from weasyprint import HTML  # heavy import; only where a PDF is asked for

        html = render_to_string(
            "bulletin/bulletin_pdf.html",
            {"page": bulletin, "sections": sections_with_paths(bulletin), "base_url": base_url},
        )
        pdf = HTML(string=html, base_url=base_url).write_pdf()
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf


def sections_with_paths(bulletin):
    """The bulletin's sections, each item with its `pdf_path` (its URL, as `item.url` gives
    it): one look-up of the site root paths for all of them, not one per item."""
    sections = bulletin.sections()
    holder = SiteRootPathsHolder()
    for _topic, entries in sections:
        for item, _note in entries:
            item.pdf_path = item.get_url(request=holder)
    return sections
