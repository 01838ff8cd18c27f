"""The default Wagtail Site's host name, port and name from the settings, when the host asks.

Canonical links, Open Graph and the sitemap are built on the Site's host name and port, not on
the request: a Site left at Wagtail's `localhost:80` points them at `http://localhost/`. The host
states its public address once, in WAGTAILADMIN_BASE_URL (which e-mails and feeds use too), and
its name in WAGTAIL_SITE_NAME; with CCHC_CONFIGURE_DEFAULT_SITE, `setup_cchc` copies them onto
the default Site. A plugin must not rename a host's Site unasked, hence the setting.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from . import conf

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(base_url):
    """(host name, port) of an http(s) URL; the scheme's port when the URL names none.

    Wagtail builds `https://` links only for port 443 and `http://` for any other."""
    parts = urlsplit(base_url)
    return parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def wanted_site_fields():
    """{field: value} that the default Site should have, or None if the host did not ask."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    if not conf.get("CCHC_CONFIGURE_DEFAULT_SITE") or not base_url:
        return None
    hostname, port = site_address(base_url)
    fields = {"hostname": hostname, "port": port}
    name = getattr(settings, "WAGTAIL_SITE_NAME", "")
    if name:
        fields["site_name"] = name
    return fields


def configure_default_site():
    """Apply wanted_site_fields() to the default Site; the list of changes made (none twice)."""
    wanted = wanted_site_fields()
    site = Site.objects.filter(is_default_site=True).first()
    if wanted is None or site is None:
        return []
    changed = {f: v for f, v in wanted.items() if getattr(site, f) != v}
    if not changed:
        return []
    taken = Site.objects.exclude(pk=site.pk).filter(
        hostname=wanted["hostname"], port=wanted["port"]
    )
    if taken.exists():
        return [
            _("default site left as it is: another site already answers on %(address)s")
            % {"address": f"{wanted['hostname']}:{wanted['port']}"}
        ]
    for field, value in changed.items():
        setattr(site, field, value)
    site.save(update_fields=list(changed))
    return [
        _("default site set to %(address)s, “%(name)s”")
        % {"address": f"{site.hostname}:{site.port}", "name": site.site_name}
    ]
