"""Wagtail's images and renditions served by the portal itself, with debug on or off.

WhiteNoise serves static files only, so without this view a production stack with no proxy
(`make up`) answers 404 for every cover image. Behind nginx (deploy/nginx/cchc.conf) the proxy
serves these two folders from disk first, with the same headers, and this view is the
fallback. Only what the proxy would serve is served here:

- the two folders Wagtail writes images to (AbstractImage.get_upload_to: original_images/,
  AbstractRendition.get_upload_to: images/), nothing else under MEDIA_ROOT: documents are
  only ever served by Wagtail's view and its access check (WAGTAILDOCS_SERVE_METHOD);
- raster formats Wagtail reads or writes, chosen by extension from an allow-list, with the
  type sent from that list and never guessed; SVG is refused (it can carry script);
- a regular file whose resolved path (symbolic links followed) stays inside its folder: no
  traversal, no directory listing;
- `nosniff` and a sandboxing Content-Security-Policy, so that a file opened on its own can
  never run as a page, whatever it holds;
- Last-Modified with conditional GET (304), and a long Cache-Control for renditions, whose
  names change with the content (a new original file gets a new name, and so do its
  renditions); originals are cached for a day.
"""

import re
from datetime import timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.urls import re_path
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

ORIGINALS, RENDITIONS = "original_images", "images"
CACHE_SECONDS = {
    ORIGINALS: int(timedelta(days=1).total_seconds()),
    RENDITIONS: int(timedelta(days=365).total_seconds()),
}
CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "heic": "image/heic",
    "ico": "image/x-icon",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# The same values as deploy/nginx/cchc.conf's media locations (tests/deploy checks both).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


def image_file(folder, name):
    """The file `name` of the image folder `folder`, its content type and modification time,
    or Http404."""
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix[1:].lower())
    if folder not in CACHE_SECONDS or content_type is None:
        raise Http404
    try:
        root = (Path(settings.MEDIA_ROOT) / folder).resolve()
        path = (root / name).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path, content_type, path.stat().st_mtime
    except (OSError, ValueError):  # a null byte, a name too long, a loop of links, just deleted
        pass
    raise Http404


@require_safe
def serve_image(request, folder, name):
    path, content_type, modified = image_file(folder, name)
    if not was_modified_since(request.headers.get("If-Modified-Since"), modified):
        response = HttpResponseNotModified()
    else:
        try:
            response = FileResponse(path.open("rb"), content_type=content_type)
        except FileNotFoundError:  # deleted since (an image replaced in the admin)
            raise Http404 from None
    response.headers["Last-Modified"] = http_date(modified)
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS[folder]}"
    for header, value in SECURITY_HEADERS.items():
        response.headers[header] = value
    return response


def image_urlpatterns():
    """The URLs of the two image folders under MEDIA_URL; none when MEDIA_URL is another
    host's (a CDN serves the files then)."""
    url = urlsplit(settings.MEDIA_URL)
    if url.scheme or url.netloc:
        return []
    prefix = url.path.strip("/")
    prefix = f"{re.escape(prefix)}/" if prefix else ""
    return [
        re_path(
            rf"^{prefix}(?P<folder>{ORIGINALS}|{RENDITIONS})/(?P<name>.+)$",
            serve_image,
            name="portal_media_image",
        )
    ]
