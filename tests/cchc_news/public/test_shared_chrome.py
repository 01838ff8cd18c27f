"""The header and footer every page repeats are rendered once per generation of public content
for anonymous visitors (cchc_news.templatetags.cchc_chrome, issue 17), with the same HTML: the
navigation's current page stays marked, and a change of what they show shows at once."""

import re

import pytest
from django.test.signals import template_rendered

from cchc_news import generation_cache
from cchc_news.models import DepartmentIdentity
from tests.factories import TopicFactory
from tests.helpers import content_committed

from .public_site import local, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

CHROME = ("includes/header.html", "includes/footer.html", "cchc/includes/section_nav.html")


@pytest.fixture
def item(agency_a):
    return publish(agency_a.index_page, local(2026, 3, 2, 9), topic=TopicFactory(name="Kết quả"))


def templates_of(client, url):
    """The templates a view of `url` renders, and its HTML."""
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(record)
    return rendered, response.content.decode()


def navigation(html):
    return html.split('class="site-nav"')[1].split("</nav>")[0]


def current_links(html):
    return re.findall(r'<a href="([^"]*)" aria-current="page">', navigation(html))


def test_a_second_anonymous_view_renders_no_header_or_footer(client, section, item):
    content_committed()
    client.get(item.url)
    rendered, _html = templates_of(client, item.url)
    assert not set(CHROME) & set(rendered), rendered


def test_each_page_keeps_its_current_navigation_link(client, section, item):
    content_committed()
    archive = next(page for page in section.get_children().live().in_menu())
    news = section.url + "tin-bai/"
    expected = {
        item.url: [],
        "/": ["/"],
        section.url: [section.url],
        news: [news],
        news + "?page=2": [news],
        archive.url: [archive.url],
        item.url + "?x=1": [],
    }
    for _round in range(2):  # the first renders them, the second reuses them
        for url, current in expected.items():
            response = client.get(url)
            assert response.status_code == 200, url
            assert current_links(response.content.decode()) == current, url


def test_a_signed_in_users_page_renders_them(client, section, item, admin_user):
    content_committed()
    client.get(item.url)
    client.force_login(admin_user)
    client.get(item.url)
    rendered, _html = templates_of(client, item.url)
    assert set(CHROME) <= set(rendered), rendered


def test_the_same_html_as_rendered(client, section, item, admin_user):
    """The signed-in user's page renders the header and footer: the visitor's reuses them."""
    content_committed()
    client.get(item.url)
    anonymous = client.get(item.url).content.decode()
    client.force_login(admin_user)
    signed_in = client.get(item.url).content.decode()
    for part in ('<header class="site-header">', '<footer class="site-footer">'):
        tag = part.split()[0][1:]
        assert part in anonymous
        assert (
            anonymous.split(part)[1].split(f"</{tag}>")[0]
            == signed_in.split(part)[1].split(f"</{tag}>")[0]
        )


def test_a_change_of_the_departments_identity_shows_at_once(client, section, item):
    content_committed()
    client.get(item.url)
    client.get(item.url)
    identity = DepartmentIdentity.for_site(section.get_site())
    identity.phone = "0263 3822 111"
    identity.save()
    content_committed()
    assert "0263 3822 111" in client.get(item.url).content.decode()


class ReadRecorder:
    """The cache of derived values, recording the keys each read asks for."""

    def __init__(self, cache):
        self.cache = cache
        self.reads = []

    def get(self, key, default=None):
        self.reads.append([key])
        return self.cache.get(key, default)

    def get_many(self, keys):
        self.reads.append(list(keys))
        return self.cache.get_many(keys)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.mark.parametrize("page", ["section", "news listing", "item"])
def test_the_header_and_footer_are_read_in_one_round_trip(client, section, item, page, monkeypatch):
    """Before: the navigation's paths, then the header for the request's path, then the
    footer: three reads."""
    url = {"section": section.url, "news listing": section.url + "tin-bai/", "item": item.url}
    content_committed()
    client.get(url[page])
    recorder = ReadRecorder(generation_cache.store())
    monkeypatch.setattr(generation_cache, "store", lambda: recorder)
    assert client.get(url[page]).status_code == 200
    chrome_reads = [keys for keys in recorder.reads if any(":chrome:" in k for k in keys)]
    assert len(chrome_reads) == 1, recorder.reads
    assert any("footer.html" in key for key in chrome_reads[0]), chrome_reads


class FailingReads(ReadRecorder):
    """The cache of derived values with Redis gone for reads of many keys at once."""

    def get_many(self, keys):
        raise ConnectionError("Redis is gone")


def test_the_header_and_footer_are_rendered_when_their_one_read_fails(
    client, section, item, monkeypatch, caplog
):
    content_committed()
    expected = client.get(item.url).content.decode()
    failing = FailingReads(generation_cache.store())
    monkeypatch.setattr(generation_cache, "store", lambda: failing)
    with caplog.at_level("WARNING", logger="cchc_news.generation_cache"):
        response = client.get(item.url)
    assert response.status_code == 200
    assert response.content.decode() == expected
    assert "Derived values cache unavailable" in caplog.text
