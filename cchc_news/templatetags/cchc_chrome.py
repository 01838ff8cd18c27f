"""`{% site_header "includes/header.html" %}` and `{% site_footer "includes/footer.html" %}`:
the header and footer every public page repeats, rendered once per generation of public content
(cchc_news.generation_cache) for the anonymous visitors' requests, not on each uncached view.

Their HTML depends only on what the key holds: the request's site (its pages' URLs are relative
to it, and its Department's identity fills them), the active language, the live section and
its menu (public content: the generation), and in the header the request's path where it is
one of the navigation's links (marked aria-current="page"); on any other path they are the
same. The header reads its entries and the footer's (`footer=`) in one round trip to the
cache. Other requests (signed-in users, whose pages show drafts' state) render them as an
{% include %} does.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import pageurl

from ..generation_cache import cached_by_generation, stored_by_generation
from ..models.routing import CACHED_ROUTING_ATTR
from .cchc_portal import current_section, section_menu

register = template.Library()

# A longer or odd path is read on its own, when it is one of the paths: keys stay short, plain.
MAX_KEY_PATH = 150
# What the header read of the cache, kept on the request for the footer.
STORED_ATTR = "_cchc_chrome_stored"


def render_include(context, template_name):
    """What {% include template_name %} renders (the same context, a layer of its own)."""
    included = context.template.engine.get_template(template_name)
    with context.push():
        return included.render(context)


def shared_by_visitors(context):
    request = context.get("request")
    return request is not None and getattr(request, CACHED_ROUTING_ATTR, False)


def site_key(request):
    site = Site.find_for_request(request)
    return f"{site.pk if site else 0}:{get_language()}"


def footer_name(template_name, request):
    return f"chrome:{template_name}:{site_key(request)}"


@register.simple_tag(takes_context=True)
def site_footer(context, template_name):
    if not shared_by_visitors(context):
        return render_include(context, template_name)
    request = context["request"]
    html = cached_by_generation(
        footer_name(template_name, request),
        lambda: render_include(context, template_name),
        request,
        stored=getattr(request, STORED_ATTR, None),
    )
    return mark_safe(html)  # noqa: S308 (rendered HTML)


@register.simple_tag(takes_context=True)
def shared_include(context, template_name, *key):
    """{% include template_name %}, rendered once per generation of public content for the
    anonymous visitors' requests, like the header: its HTML must depend only on the site,
    the language, public content and what `key` names (a page's pk, say). A page's context
    may then compute what only the include shows lazily (bulletin.models.BulletinPage)."""
    if not shared_by_visitors(context):
        return render_include(context, template_name)
    request = context["request"]
    name = f"include:{template_name}:{site_key(request)}:{':'.join(map(str, key))}"
    html = cached_by_generation(name, lambda: render_include(context, template_name), request)
    return mark_safe(html)  # noqa: S308 (rendered HTML)


def navigation_paths(context, section):
    """The paths the header links to and marks as the current page when the request's is one
    (includes/header.html and cchc/includes/section_nav.html), by the same tags."""
    paths = ["/"]
    if section is not None:
        paths.append(pageurl(context, section))
        paths.append(routablepageurl(context, section, "news"))
        paths.extend(pageurl(context, menu_page) for menu_page in section_menu(context, section))
    return paths


@register.simple_tag(takes_context=True)
def site_header(context, template_name, footer=None):
    """`footer`: the template of the page's {% site_footer %}, read with the header."""
    if not shared_by_visitors(context):
        return render_include(context, template_name)
    request = context["request"]
    section = current_section(request, context.get("page"))
    name = f"chrome:{template_name}:{site_key(request)}:{section.pk if section else 0}"
    # The paths and the headers the path may need, in one round trip to the cache: the
    # path's own (if it is one of the paths) unless it would make an odd key, and the others'.
    names = [f"{name}:paths", f"{name}:"]
    if len(request.path) <= MAX_KEY_PATH and request.path.isprintable() and " " not in request.path:
        names.append(f"{name}:{request.path}")
    if footer:
        names.append(footer_name(footer, request))
    stored = stored_by_generation(names, request)
    setattr(request, STORED_ATTR, stored)
    paths = cached_by_generation(
        f"{name}:paths", lambda: navigation_paths(context, section), request, stored=stored
    )
    current = request.path if request.path in paths else ""
    html = cached_by_generation(
        f"{name}:{current}", lambda: render_include(context, template_name), request, stored=stored
    )
    return mark_safe(html)  # noqa: S308 (rendered HTML)
