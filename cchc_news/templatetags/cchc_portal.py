"""Template tags of the public CCHC pages: the section, its menu, listing links, sharing.

Every page's header needs the section (for the search form and the menu) whether or not
it is the page being shown: it is looked up once per request and kept on the request.
"""

from urllib.parse import quote, urlencode

from django import template
from django.http import QueryDict
from django.utils.translation import gettext as _

from ..generation_cache import cached_by_generation
from ..models import CCHCSectionPage
from ..models.pages import breadcrumb_trail as routed_breadcrumb_trail
from ..models.section import SECTION_ATTR
from ..query_parameters import declared_query

register = template.Library()

MENU_ATTR = "_cchc_section_menu"


def current_section(request, page=None):
    """The one live CCHC section; one query per request at most, none when the request was
    routed through it (CCHCSectionPage.route keeps it on the request)."""
    if isinstance(page, CCHCSectionPage):
        section = page
    elif request is not None and hasattr(request, SECTION_ATTR):
        return getattr(request, SECTION_ATTR)
    else:
        section = CCHCSectionPage.objects.live().first()
    if request is not None:
        setattr(request, SECTION_ATTR, section)
    return section


@register.simple_tag(takes_context=True)
def cchc_section(context):
    return current_section(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def section_menu(context, section):
    """The section's live child pages ticked "show in menus" (the bulletin archive), read once
    per generation of public content."""
    if section is None:
        return []
    request = context.get("request")
    menu = getattr(request, MENU_ATTR, None)
    if menu is None:
        menu = cached_by_generation(
            f"section-menu:{section.pk}",
            lambda: list(section.get_children().live().in_menu()),
            request,
        )
        if request is not None:
            setattr(request, MENU_ATTR, menu)
    return menu


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """The ancestors the breadcrumbs link to (not the tree's root): the context's `ancestors`
    if the view gave them, else those the request was routed through."""
    ancestors = context.get("ancestors")
    if ancestors:
        return list(ancestors)[1:]
    return routed_breadcrumb_trail(context["page"])


@register.simple_tag(takes_context=True)
def news_url(context, **filters):
    """The section's news listing filtered by `filters`, e.g. {% news_url topic=t.slug %}."""
    request = context.get("request")
    section = current_section(request, context.get("page"))
    return section.news_url(request=request, **filters) if section else ""


@register.simple_tag
def share_links(url, title):
    """(key, label, href) of the share targets; plain links, no third-party script."""
    return [
        # Zalo's share page, as its share button opens it (no SDK, no app id).
        ("zalo", "Zalo", "https://sp.zalo.me/share_inline?" + urlencode({"url": url})),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        # mailto: takes percent-encoding (RFC 6068), not the "+" of form encoding.
        ("email", _("E-mail"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]


@register.filter
def page_links(page_obj):
    """The page numbers to link to, with Paginator.ELLIPSIS where some are left out."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.filter
def link_query(request):
    """The query parameters that the page's links keep (pagination): those the page declared
    (cchc_news.query_parameters), so that a cached page shows no visitor's `utm_*`; all of
    them on a page that declares none (the search keeps its `q`)."""
    declared = declared_query(request)
    if declared is None:
        return request.GET
    query = QueryDict(mutable=True)
    query.update(declared)
    return query


@register.filter
def page_param(number):
    """The `page` parameter of a link to page `number`: none for the first (its one URL)."""
    return None if number == 1 else number
