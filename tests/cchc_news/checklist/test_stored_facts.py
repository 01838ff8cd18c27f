"""The original file is measured once, when it is uploaded, and the editor reads what was stored.

Its length used to be measured on every render of the item's editor and checklist, so an item
whose original file unpacks to 250 MB answered 500 after 30 s on every open. The storage here
records every file it opens (tests.storages.CountingStorage).
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model

from cchc_news.models import DocumentFacts
from tests.factories import NewsItemPageFactory
from tests.files import make_docx, make_pdf
from tests.storages import CountingStorage
from tests.zip_files import docx_bomb

pytestmark = pytest.mark.django_db

TEXT = "Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ lý lịch tư pháp."


@pytest.fixture(autouse=True)
def _counting_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.storages.CountingStorage"},
    }
    CountingStorage.opened.clear()


def make_document(data, name):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


@pytest.fixture
def item_with_docx(agency_a):
    document = make_document(make_docx([TEXT]), "tin-bai.docx")
    return NewsItemPageFactory(parent=agency_a.index_page, original_file=document)


def edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_file_is_measured_when_it_is_saved(item_with_docx):
    facts = DocumentFacts.objects.get(document=item_with_docx.original_file)
    assert (facts.kind, facts.docx_chars, facts.unreadable_code) == ("docx", len(TEXT), "")
    assert facts.file_name == item_with_docx.original_file.file.name
    assert CountingStorage.opened == [facts.file_name]  # once, at upload


def test_rendering_the_editor_opens_no_file(client, editor_a, item_with_docx):
    client.force_login(editor_a)
    CountingStorage.opened.clear()
    edit(client, item_with_docx)
    edit(client, item_with_docx)
    check_url = reverse("cchc_checklist_edit", args=[item_with_docx.pk])
    assert client.post(check_url, {"title": "Tin"}).status_code == 200
    assert CountingStorage.opened == []


def test_a_document_stored_before_facts_is_measured_once_on_first_need(
    client, editor_a, item_with_docx
):
    DocumentFacts.objects.all().delete()
    client.force_login(editor_a)
    CountingStorage.opened.clear()
    edit(client, item_with_docx)
    edit(client, item_with_docx)
    assert CountingStorage.opened == [item_with_docx.original_file.file.name]
    assert DocumentFacts.objects.get().docx_chars == len(TEXT)


def test_a_replaced_file_is_measured_again(item_with_docx):
    document = item_with_docx.original_file
    document.file = ContentFile(make_pdf(2), name="tin-bai.pdf")
    document.save()
    facts = DocumentFacts.objects.get(document=document)
    assert (facts.kind, facts.pdf_pages, facts.docx_chars) == ("pdf", 2, None)


def test_an_item_whose_file_unpacks_to_250_mb_opens_with_the_stored_reason(
    client, editor_a, agency_a
):
    # A document stored before uploads were judged by what they unpack to.
    document = make_document(docx_bomb(250), "tin-bai.docx")
    item = NewsItemPageFactory(parent=agency_a.index_page, original_file=document)
    assert DocumentFacts.objects.get().unreadable_code == "zip_part_too_large"
    client.force_login(editor_a)
    CountingStorage.opened.clear()
    with translation.override("en"):
        english = edit(client, item)
    assert "The Word file holds a part (“word/document.xml”) that unpacks to 250.0 MB" in english
    vietnamese = edit(client, item)  # the editor's own language: the same stored reason
    assert "250,0 MB" in vietnamese and "word/document.xml" in vietnamese
    assert CountingStorage.opened == []
