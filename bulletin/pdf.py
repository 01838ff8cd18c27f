"""The bulletin as a PDF, rendered on the server with WeasyPrint.

WeasyPrint takes about 3 ms per entry, linearly (it lays out and draws every line and glyph in
Python; bulletin.pdf_weasyprint spares it what the bulletin does not use, and no garbage
collection runs meanwhile): 3 s for 1,000 entries, too long for a visitor's request. So the
worker renders the PDF when the bulletin is published or one of its items changes
(`render_after_commit`, the task bulletin.render_pdf), and the request serves what is stored,
rendering only what it does not find (the embedded set-up without a broker renders on the
first request).

A PDF is stored under the digest of its HTML, i.e. of everything it shows: when public
content elsewhere changes (the page cache's generation moves on), the next request builds the
HTML again (a tenth of a second for 1,000 entries) and finds the same PDF; an item of the
bulletin unpublished or made private changes the HTML, hence the PDF. A second entry, keyed by
the bulletin's revision, the content generation, the language and the base URL, remembers that
digest, so that a request at an unchanged generation needs no HTML at all.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from cchc_news import broker
from cchc_news.identity import identity_of_site
from cchc_news.links import SiteRootPathsHolder
from cchc_news.public.page_cache import current_generation

from .garbage_collection import collector_paused

RENDER_TASK = "bulletin.render_pdf"  # bulletin.tasks
STORED_SECONDS = 7 * 24 * 3600


def pdf_filename(bulletin):
    return f"ban-tin-cchc-so-{bulletin.number}-{bulletin.iso_year}.pdf"


def render_pdf(bulletin, base_url):
    """PDF bytes of the published bulletin: stored ones if its content has not changed."""
    # The generation is read before the content: under concurrent change the key may be older
    # than what the HTML shows, never newer (an older generation is no longer asked for).
    version_key = _version_key(bulletin, base_url, current_generation())
    digest = cache.get(version_key)
    pdf = cache.get(_pdf_key(digest)) if digest else None
    if pdf is None:
        html = bulletin_html(bulletin, base_url)
        digest = hashlib.sha256(html.encode()).hexdigest()
        pdf = cache.get(_pdf_key(digest))
        if pdf is None:
            pdf = html_to_pdf(html, base_url)
            cache.set(_pdf_key(digest), pdf, timeout=STORED_SECONDS)
        cache.set(version_key, digest, timeout=STORED_SECONDS)
    return pdf


def _version_key(bulletin, base_url, generation):
    place = hashlib.sha256(base_url.encode()).hexdigest()[:16]
    language = translation.get_language()
    return f"bulletin-pdf:{bulletin.pk}:{bulletin.live_revision_id}:{generation}:{language}:{place}"


def _pdf_key(digest):
    return f"bulletin-pdf:content:{digest}"


def bulletin_html(bulletin, base_url):
    context = {
        "page": bulletin,
        "sections": sections_with_paths(bulletin),
        "base_url": base_url,
        "identity": identity_of_site(bulletin.get_site()),
    }
    return render_to_string("bulletin/bulletin_pdf.html", context)


def html_to_pdf(html, base_url):
    """The PDF of `html`: its links made absolute by `base_url`, nothing loaded from anywhere."""
    from weasyprint import URLFetcher  # heavy import; only where a PDF is made

    from . import pdf_glyphs
    from .pdf_weasyprint import (
        BulletinHTML,
        compress_streams_at_zlibs_default_level,
        remember_page_references,
    )

    remember_page_references()
    compress_streams_at_zlibs_default_level()
    pdf_glyphs.install()  # the lines' glyphs read from Pango in one go: the same PDF, faster

    # Only data: URLs: a resource in the HTML (an image someone put in the intro) is skipped,
    # never fetched over the network (from the site itself) inside a request or a task.
    fetcher = URLFetcher(allowed_protocols={"data"})
    # WeasyPrint makes objects for every element, box and glyph run: enough to set off full
    # collections of the whole process (3 for 1,000 entries, 0.45 s of 3.9 s), as an assembly.
    with collector_paused():
        document = BulletinHTML(string=html, base_url=base_url, url_fetcher=fetcher)
        # Tagged (PDF/UA-1): headings, paragraphs and reading order for screen readers.
        return document.write_pdf(pdf_variant="pdf/ua-1")


def sections_with_paths(bulletin):
    """The bulletin's sections, each item with its `pdf_path` (its URL, as `item.url` gives
    it): one look-up of the site root paths for all of them, not one per item."""
    sections = bulletin.sections()
    holder = SiteRootPathsHolder()
    for _topic, entries in sections:
        for item, _note in entries:
            item.pdf_path = item.get_url(request=holder)
    return sections


def worker_base_url():
    """The site's address as the worker knows it (the e-mails' too): WAGTAILADMIN_BASE_URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def render_after_commit(bulletin_pk):
    """Once the transaction commits, have the worker render and store the bulletin's PDF.

    Nothing in the embedded set-up (no broker): the publishing request or tick must not wait
    for it; the first visitor's request renders it. Nothing queued if the broker is down
    (cchc_news.broker): the same.
    """
    if renders_after_commit():
        transaction.on_commit(lambda: broker.send_task(RENDER_TASK, args=(bulletin_pk,)))


def renders_after_commit():
    """Whether a worker renders PDFs (there is a broker), not the first request."""
    return not broker.tasks_run_in_process()
