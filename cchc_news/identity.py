"""The Department's identity (models.DepartmentIdentity): its set-up and its look-up.

`setup_cchc` creates the default site's identity with the Department's name, so that the office
finds it in Settings and fills in the rest (the province, the address, the person responsible);
it never overwrites what the office wrote. Pages read it once per request (Wagtail keeps a
site setting on the request), with its logo in the same query.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Site

from .generation_cache import cached_by_generation
from .models import DepartmentIdentity

EMBLEM_SVG = "cchc_news/identity/emblem.svg"
EMBLEM_PNG = "cchc_news/identity/emblem-32.png"
APPLE_TOUCH_ICON = "cchc_news/identity/emblem-180.png"
# Facebook and Zalo read no SVG and want at least 200 px: the shipped emblem's large PNG.
SHARE_EMBLEM = ("cchc_news/identity/emblem-512.png", 512, 512)
SHARE_LOGO_SPEC = "max-630x630"


def ensure_identity(values=None):
    """Create the default site's identity if it has none, and fill its empty fields from
    `values` ({field: value}); the list of changes made, none on a second run."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    identity, created = DepartmentIdentity.objects.get_or_create(site=site)
    wanted = {"department_name": _("Department of Home Affairs")} | (values or {})
    empty = {field: value for field, value in wanted.items() if not getattr(identity, field)}
    for field, value in empty.items():
        setattr(identity, field, value)
    if empty:
        identity.save(update_fields=list(empty))
    if created:
        return [
            _(
                "created the Department's identity: fill in the province, the address and the "
                "person responsible in Settings → Department's identity"
            )
        ]
    if empty:
        names = (str(DepartmentIdentity._meta.get_field(field).verbose_name) for field in empty)
        return [_("filled in the Department's identity: %(fields)s") % {"fields": ", ".join(names)}]
    return []


def identity_for(request):
    """The identity of the request's site (an unsaved blank one where there is no site).

    Read once per generation of public content (saving the setting moves it on), and kept
    on the request where Wagtail's own look-up (`for_request`, the `settings` context
    processor) finds it."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return DepartmentIdentity()
    if not hasattr(request, DepartmentIdentity.get_cache_attr_name()):
        identity = cached_by_generation(f"identity:{site.pk}", lambda: read_identity(site), request)
        keep_identity(request, identity)
    return DepartmentIdentity.for_request(request)


def keep_identity(request, identity):
    """Keep `identity` (of the request's site) where for_request() finds it."""
    identity._request = request  # as for_request(): page URLs of the request's site
    setattr(request, DepartmentIdentity.get_cache_attr_name(), identity)


def read_identity(site):
    """The site's identity to keep for a generation: without its logo's prefetched renditions,
    which would miss those made after it was read (Wagtail's rendition cache finds them)."""
    identity = DepartmentIdentity.for_site(site)
    if identity.logo is not None:
        getattr(identity.logo, "_prefetched_objects_cache", {}).pop("renditions", None)
    return identity


def identity_of_site(site):
    """The identity of `site`, outside a request (a PDF rendered by the worker); blank if none."""
    found = DepartmentIdentity.objects.filter(site=site).first() if site else None
    return found or DepartmentIdentity()


def site_name(identity):
    """The name that titles and Open Graph give the site: the Department's, once it has one."""
    if identity.department_name or identity.province_name:
        return identity.full_name
    return settings.WAGTAIL_SITE_NAME


def share_emblem(identity, root_url):
    """(absolute URL, width, height, alt) of the image a shared page shows without a cover:
    the Department's logo, else the emblem shipped with the plugin."""
    if identity.logo_id:
        rendition = get_rendition_or_not_found(identity.logo, SHARE_LOGO_SPEC)
        url, width, height = rendition.url, rendition.width, rendition.height
    else:
        url, width, height = static(SHARE_EMBLEM[0]), *SHARE_EMBLEM[1:]
    return urljoin(root_url + "/", url), width, height, site_name(identity)
