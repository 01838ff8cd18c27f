"""Security settings for production, behind a TLS-terminating proxy."""

from .environment import env_bool, env_int, env_list

_DEBUG = env_bool("DJANGO_DEBUG", False)

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not _DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTP requests are redirected to HTTPS by Django itself, whatever the proxy does; the proxy must
# set X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER) or every request is redirected again.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not _DEBUG)
# Paths (regular expressions, without the leading slash) answered over plain HTTP: the health
# probes (portal.health), which the machine itself and load balancers send over HTTP, and any
# listed in DJANGO_SSL_REDIRECT_EXEMPT.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", *env_list("DJANGO_SSL_REDIRECT_EXEMPT")]
# HSTS: one hour by default, so that a first deploy whose HTTPS turns out broken (a certificate
# not renewed, a host name without one) locks browsers out for an hour, not a year; raise it to
# a year (31536000) once HTTPS is known to work (README, "Production set-up").
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if _DEBUG else 3600)
# The portal's host names have no HTTP-only subdomains of their own; set 0 if yours does.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
# Off by default: asking browsers to preload HSTS is a commitment for the whole registrable
# domain that only its owner can make (hstspreload.org advises projects not to send it by default).
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Wagtail's preview shows the page in a frame of the admin: same origin, not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # X_FRAME_OPTIONS is SAMEORIGIN on purpose (Wagtail's preview), see above
    "security.W021",  # SECURE_HSTS_PRELOAD is off on purpose, see above
]
