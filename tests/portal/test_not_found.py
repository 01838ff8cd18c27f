"""A missing page shows the portal's own Vietnamese page, with debug on (`make run`) too."""

import pytest
from django.utils.translation import gettext
from wagtail.contrib.redirects.models import Redirect

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "path",
    [
        "/khong-co-trang-nay/",  # Wagtail's page view raises Http404
        "/cai-cach-hanh-chinh/khong-co/",  # under the section, a routable page
        "/khong-co-tep-nay.html",  # no URL pattern matches
    ],
)
def test_missing_page_shows_the_portals_not_found_page(client, section, settings, debug, path):
    settings.DEBUG = debug
    response = client.get(path)
    assert response.status_code == 404
    content = response.content.decode()
    assert "error-page" in content and f"<h1>{gettext('Page not found')}</h1>" in content
    assert "DEBUG = True" not in content  # not Django's technical page
    assert 'id="not-found-search-q"' in content  # the search box to find what was meant


def test_admin_redirects_still_apply_to_a_missing_page(client, section, settings):
    settings.DEBUG = True
    Redirect.objects.create(old_path="/tin-cu", redirect_link="/cai-cach-hanh-chinh/")
    response = client.get("/tin-cu/")
    assert response.status_code == 301 and response["Location"] == "/cai-cach-hanh-chinh/"
