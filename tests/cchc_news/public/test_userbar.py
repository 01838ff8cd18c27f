"""Wagtail's user bar (admin shortcuts, the accessibility checker) for signed-in editors only."""

import pytest

from tests.factories import NewsItemPageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"


@pytest.fixture
def item(agency_a):
    return NewsItemPageFactory(parent=agency_a.index_page, title="Một cửa liên thông hiện đại")


def pages(section, item):
    return [section.url, item.url, f"{section.url}tin-bai/"]


def test_signed_in_editors_get_the_user_bar_with_the_accessibility_checker(
    client, editor_a, section, item
):
    client.force_login(editor_a)
    for url in pages(section, item):
        html = client.get(url).content.decode()
        assert USERBAR in html, url
        assert 'id="checker-trigger"' in html, url  # the accessibility checker


def test_visitors_get_no_user_bar(client, section, item):
    for url in pages(section, item):
        assert USERBAR not in client.get(url).content.decode(), url
