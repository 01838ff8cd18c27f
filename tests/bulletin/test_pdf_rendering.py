"""Rendering the PDF: never over the network, once per content, by the worker on publication."""

import urllib.request

import pytest
from django.test import override_settings
from wagtail.models import Site

from bulletin import pdf, tasks
from bulletin.assembly import assemble
from bulletin.models import BulletinPage
from bulletin.weeks import Week
from cchc_news.models import DepartmentIdentity
from cchc_news.public import page_cache

from .conftest import local

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver/"


@pytest.fixture
def bulletin(archive, publish_item):
    publish_item(local(2026, 11, 23, 9, 0), "Đồng Nai đẩy mạnh cải cách hành chính")
    publish_item(local(2026, 11, 24, 9, 0), "Ứng dụng “Trợ lý số” ở đặc khu Côn Đảo")
    return assemble(Week(2026, 48)).bulletin


@pytest.fixture
def renderings(monkeypatch):
    """The PDFs WeasyPrint made: a list that grows by one per rendering."""
    made = []
    original = pdf.html_to_pdf

    def counting(html, base_url):
        made.append(html)
        return original(html, base_url)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return made


def test_the_pdf_fetches_nothing_over_the_network(bulletin, monkeypatch):
    # An image in the intro (not offered by its editor today; stored HTML passes through):
    # WeasyPrint would fetch it from the site itself, inside the visitor's request.
    BulletinPage.objects.filter(pk=bulletin.pk).update(intro='<p><img src="/media/x.png"></p>')
    bulletin.refresh_from_db()
    opened = []

    def refuse(self, url, *args, **kwargs):
        opened.append(getattr(url, "full_url", url))
        raise OSError("no network in tests")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    assert pdf.render_pdf(bulletin, BASE_URL).startswith(b"%PDF")
    assert opened == []


def test_a_change_of_other_content_does_not_render_the_pdf_again(bulletin, renderings):
    first = pdf.render_pdf(bulletin, BASE_URL)
    page_cache.purge()  # any public content changed: the generation moves on
    assert pdf.render_pdf(bulletin, BASE_URL) == first
    assert len(renderings) == 1


def test_an_item_unpublished_leaves_the_pdf(bulletin, renderings):
    pdf.render_pdf(bulletin, BASE_URL)
    items = [item for _topic, entries in bulletin.sections() for item, _note in entries]
    items[0].unpublish()
    pdf.render_pdf(BulletinPage.objects.get(pk=bulletin.pk), BASE_URL)
    assert len(renderings) == 2
    assert items[0].title not in renderings[1] and items[1].title in renderings[1]


def test_the_base_url_is_part_of_what_is_stored(bulletin, renderings):
    pdf.render_pdf(bulletin, BASE_URL)
    pdf.render_pdf(bulletin, "https://cchc.example.vn/")
    assert len(renderings) == 2 and "https://cchc.example.vn/" in renderings[1]


def test_publishing_a_bulletin_queues_its_pdf_with_a_broker(
    bulletin, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(pdf.broker, "send_task", lambda name, args=(): queued.append((name, args)))
    with (
        override_settings(CELERY_TASK_ALWAYS_EAGER=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        bulletin.save_revision().publish()
    assert (pdf.RENDER_TASK, (bulletin.pk,)) in queued


def test_an_item_of_the_bulletin_republished_queues_its_pdf_with_a_broker(
    bulletin, monkeypatch, django_capture_on_commit_callbacks
):
    item = next(item for _topic, entries in bulletin.sections() for item, _note in entries)
    queued = []
    monkeypatch.setattr(pdf.broker, "send_task", lambda name, args=(): queued.append((name, args)))
    item.title = "Tên mới của tin"
    with (
        override_settings(CELERY_TASK_ALWAYS_EAGER=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        item.save_revision().publish()
    assert (pdf.RENDER_TASK, (bulletin.pk,)) in queued


def test_the_embedded_set_up_renders_on_request_not_on_publication(
    bulletin, renderings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.save_revision().publish()
    assert renderings == []


@override_settings(WAGTAILADMIN_BASE_URL="http://testserver")
def test_the_request_serves_the_pdf_the_worker_rendered(bulletin, client, renderings):
    tasks.render_bulletin_pdf(bulletin.pk)
    response = client.get(bulletin.url + "pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert len(renderings) == 1


def test_the_pdf_names_the_department_and_its_province(bulletin):
    DepartmentIdentity.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"province_name": "tỉnh Thử Nghiệm"}
    )
    html = pdf.bulletin_html(bulletin, BASE_URL)
    assert '<p class="kicker">Sở Nội vụ tỉnh Thử Nghiệm · ' in html
