"""portal.media: images and renditions served by the app with debug off, and nothing else."""

import os

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import resolve
from django.utils.http import http_date
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal import media

pytestmark = pytest.mark.django_db  # a 404 is rendered by the site's template


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def image(db, media_root):
    return get_image_model().objects.create(title="Ảnh bìa", file=get_test_image_file())


def get(path, **headers):
    with override_settings(DEBUG=False):
        return Client().get(path, headers=headers)


def assert_safe_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_original_image_is_served_with_debug_off(image):
    assert image.file.name.startswith("original_images/")
    response = get(image.file.url)
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == image.file.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["Last-Modified"] == http_date(os.path.getmtime(image.file.path))
    assert_safe_headers(response)


def test_a_rendition_is_served_with_a_long_cache(image):
    rendition = image.get_rendition("fill-20x10|format-webp")
    assert rendition.file.name.startswith("images/")
    response = get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000"
    assert_safe_headers(response)


def test_an_unchanged_image_is_not_sent_again(image):
    modified = get(image.file.url)["Last-Modified"]
    response = get(image.file.url, if_modified_since=modified)
    assert response.status_code == 304
    assert response.content == b""
    assert response["Cache-Control"] == "public, max-age=86400"
    assert_safe_headers(response)
    stale = http_date(os.path.getmtime(image.file.path) - 60)
    assert get(image.file.url, if_modified_since=stale).status_code == 200


def test_documents_are_never_served_from_media(image, media_root):
    document = get_document_model().objects.create(
        title="Công văn", file=ContentFile(b"%PDF-1.4 draft", name="cong-van.pdf")
    )
    assert document.file.name.startswith("documents/")
    for path in (
        document.file.name,
        "original_images/../" + document.file.name,
        "images/%2e%2e/" + document.file.name,
    ):
        assert get("/media/" + path).status_code == 404


def test_paths_out_of_the_image_folders_are_refused(image, media_root):
    (media_root / "secret.png").write_bytes(get_test_image_file().file.getvalue())
    (media_root / "images").mkdir(exist_ok=True)
    (media_root / "images" / "link.png").symlink_to(media_root / "secret.png")
    (media_root / "images" / "folder.png").mkdir()
    for path in (
        "images/../secret.png",
        "images/%2e%2e/secret.png",
        "images/..%2fsecret.png",
        "original_images/../../secret.png",
        "images/link.png",  # a symbolic link out of the folder
        "images/folder.png",  # a directory, whatever its name
        "images/",
        "original_images/.",
        "images/missing.png",
        "images/%00.png",
    ):
        assert get("/media/" + path).status_code == 404, path


def test_svg_and_unlisted_types_are_refused(media_root):
    folder = media_root / "images"
    folder.mkdir(parents=True)
    for name in ("drawing.svg", "drawing.SVG", "page.html", "script.js", "no-extension", ".png"):
        (folder / name).write_text("<svg onload='alert(1)'/>")
        assert get(f"/media/images/{name}").status_code == 404, name


def test_the_extension_decides_the_type_not_the_content(media_root):
    folder = media_root / "original_images"
    folder.mkdir(parents=True)
    (folder / "PHOTO.JPG").write_text("<html><script>alert(1)</script></html>")
    response = get("/media/original_images/PHOTO.JPG")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert_safe_headers(response)  # so a browser never runs it as a page


@pytest.fixture
def strict_umask():
    """The umask of the services in deploy/systemd."""
    previous = os.umask(0o027)
    yield
    os.umask(previous)


def test_the_proxy_can_read_what_the_services_write(strict_umask, db, media_root):
    """nginx (www-data) reads images from disk; the services write with umask 0027."""
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    rendition = image.get_rendition("fill-20x10")
    for name in (image.file.name, rendition.file.name):
        path = media_root / name
        assert path.stat().st_mode & 0o777 == 0o644
        assert path.parent.stat().st_mode & 0o777 == 0o755


def test_only_get_and_head(image):
    with override_settings(DEBUG=False):
        assert Client().head(image.file.url).status_code == 200
        assert Client().post(image.file.url).status_code == 405


def test_no_route_when_a_cdn_serves_media(settings):
    settings.MEDIA_URL = "https://cdn.example.gov.vn/media/"
    assert media.image_urlpatterns() == []
    settings.MEDIA_URL = "/uploads/"
    assert media.image_urlpatterns()[0].pattern.match("uploads/images/a.jpg")


def test_the_route_is_there_without_debug():
    assert resolve("/media/images/a.jpg").func is media.serve_image
