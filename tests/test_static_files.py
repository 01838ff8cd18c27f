"""Static files: hashed, compressed and cached for ten years in production; plain in DEBUG.

Production collects with WhiteNoise's CompressedManifestStaticFilesStorage and serves through
WhiteNoiseMiddleware, which reads its settings (STATIC_ROOT, DEBUG, the storage's manifest)
when it is built: the Django test client builds a new middleware chain for each Client, so
each client below is made under the settings that it is meant to test.
"""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
FOREVER = "max-age=315360000, public, immutable"


def storages(backend):
    from django.conf import settings

    return {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}


@pytest.fixture(scope="module")
def production_static(tmp_path_factory):
    """`collectstatic` as the production set-up runs it, into a temporary STATIC_ROOT."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(DEBUG=False, STATIC_ROOT=root, STORAGES=storages(MANIFEST_STORAGE)):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def hashed(name):
    return staticfiles_storage.stored_name(name)


def test_collectstatic_hashes_and_compresses(production_static):
    name = hashed("css/portal.css")
    assert name != "css/portal.css" and name.startswith("css/portal.")
    for suffix in ("", ".gz", ".br"):
        assert (production_static / (name + suffix)).is_file(), name + suffix
    assert (production_static / "staticfiles.json").is_file()


@pytest.mark.parametrize("name", ["css/portal.css", "cchc_news/css/admin.css"])
@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("", None)])
def test_hashed_files_are_cached_forever(production_static, name, accept, encoding):
    response = Client().get("/static/" + hashed(name), HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER
    assert response["Content-Type"].startswith("text/css")
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]


def test_unhashed_names_are_not_cached_forever(production_static):
    response = Client().get("/static/css/portal.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_pages_link_the_hashed_stylesheet(production_static, section):
    page = Client().get(section.url).content.decode()
    url = "/static/" + hashed("css/portal.css")
    assert f'href="{url}"' in page
    assert Client().get(url)["Cache-Control"] == FOREVER


def test_make_run_serves_css_without_collectstatic(tmp_path):
    """DEBUG, the plain storage and nothing collected: WhiteNoise finds files in the apps."""
    with override_settings(
        DEBUG=True,
        STATIC_ROOT=tmp_path / "empty",
        STORAGES=storages("django.contrib.staticfiles.storage.StaticFilesStorage"),
    ):
        for url in ("/static/css/portal.css", "/static/cchc_news/css/admin.css"):
            response = Client().get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("text/css")
            assert b"{" in b"".join(response.streaming_content)
