"""`{% seo_meta %}`: <title>, description, canonical URL, Open Graph and Twitter card.

A page gives what it knows through its fields (search_description, a news item's summary,
an intro); a view may override everything with a `seo` dict in the context (the filtered
news listing does), and a template may pass a fallback description or another og:type.
"""

import json
import re
from html import unescape
from urllib.parse import urljoin

from django import template
from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.shortcuts import get_rendition_or_not_found

from ..identity import identity_for, share_emblem, site_name
from ..models import NewsItemPage

register = template.Library()

DESCRIPTION_CHARS = 160
OG_IMAGE_SPEC = "fill-1200x630"  # the 1.91:1 size that Facebook and X show large
OG_LOCALE = "vi_VN"


# The end of a block (or a line break) separates words: "<p>a</p><p>b</p>" reads "a b".
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value):
    """Rich text or plain text as one line of plain text."""
    text = strip_tags(BLOCK_END.sub(" ", str(value or "")))
    return " ".join(unescape(text).split())


def page_description(page):
    """The page's own description: search_description, else a summary, else the intro."""
    if page is None:
        return ""
    for value in (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
    ):
        text = plain_text(value)
        if text:
            return text
    return ""


def default_description():
    return _(
        "News, results and good practices of administrative reform from the "
        "province's agencies, and the weekly CCHC bulletin."
    )


def page_number(context):
    """The number of the listing page shown, when the page paginates its items."""
    items = context.get("items")
    return getattr(items, "number", 1) if hasattr(items, "paginator") else 1


def url_parts(page, request):
    parts = page.get_url_parts(request) if page is not None else None
    return parts if parts and parts[2] is not None else None


def canonical_url(parts, request, number=1):
    """The page's absolute URL on its site (`parts`: url_parts()); a routable page's other
    routes keep their path."""
    if parts is None:
        return ""
    _site_id, root_url, page_path = parts
    path = page_path
    if request is not None and request.path.startswith(page_path):
        path = request.path
    return root_url + path + (f"?page={number}" if number > 1 else "")


def og_image(page, parts, identity):
    """(absolute URL, width, height, alt) of the page's cover rendition, else of the
    Department's emblem; None for a page outside any site (`parts`: url_parts())."""
    image = getattr(page, "cover_image", None)
    if parts is None:
        return None
    if image is None:
        return share_emblem(identity, parts[1])
    rendition = get_rendition_or_not_found(image, OG_IMAGE_SPEC)
    alt = getattr(page, "cover_alt", "") or page.title
    return urljoin(parts[1] + "/", rendition.url), rendition.width, rendition.height, alt


def article_json_ld(page, meta):
    """schema.org NewsArticle of a news item, for search engines' rich results."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "description": meta["description"],
        "mainEntityOfPage": meta["canonical"],
        "datePublished": page.first_published_at.isoformat(),
        "dateModified": (page.last_published_at or page.first_published_at).isoformat(),
        "inLanguage": "vi",
        "publisher": {"@type": "GovernmentOrganization", "name": meta["site_name"]},
    }
    if page.agency_id:
        data["author"] = {"@type": "GovernmentOrganization", "name": page.agency.name}
    if meta["image"]:
        data["image"] = [meta["image"][0]]
    # Escaped as json_script does, so that no "</script>" in a title can close the element.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308


@register.inclusion_tag("cchc/includes/seo_meta.html", takes_context=True)
def seo_meta(context, fallback_description="", og_type="", title="", robots=""):
    request = context.get("request")
    page = context.get("page")
    seo = {"title": title, "robots": robots} | (context.get("seo") or {})
    number = page_number(context)
    title = seo.get("title") or (page and (page.seo_title or page.title)) or ""
    if number > 1 and not seo.get("title"):
        title = _("%(title)s – page %(number)s") % {"title": title, "number": number}
    description = (
        seo.get("description")
        or page_description(page)
        or plain_text(fallback_description)
        or default_description()
    )
    is_item = isinstance(page, NewsItemPage) and page.first_published_at is not None
    identity = identity_for(request)
    # Read once for the image's and the canonical URL's root (Wagtail reverses the path).
    parts = url_parts(page, request)
    image = og_image(page, parts, identity)
    meta = {
        "title": title,
        "site_name": site_name(identity),
        "description": Truncator(description).chars(DESCRIPTION_CHARS),
        "canonical": seo.get("canonical") or canonical_url(parts, request, number),
        "robots": seo.get("robots", ""),
        "og_type": og_type or ("article" if is_item else "website"),
        "og_locale": OG_LOCALE,
        "image": image,
        # A cover shows large; the square emblem in a summary card.
        "large_image": image is not None and getattr(page, "cover_image", None) is not None,
        "page": page if is_item else None,
    }
    meta["json_ld"] = article_json_ld(page, meta) if is_item else ""
    return meta
