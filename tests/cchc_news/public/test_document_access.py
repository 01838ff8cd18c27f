"""Documents are downloadable by visitors only while a live, public page uses them."""

import importlib

import pytest
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches, resolve
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from cchc_news.models import NewsItemPage
from cchc_news.public import document_access
from tests.factories import NewsItemPageFactory
from tests.files import make_pdf
from tests.workflows.builders import draft_item, make_document, start_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(agency_a, editor_a):
    return make_document(make_pdf(), "ban-goc.pdf", agency_a, user=editor_a)


@pytest.fixture
def draft(agency_a, editor_a, document):
    """A never-published item with its attachment, as the editor leaves it."""
    return draft_item(agency_a, editor_a, original_file=document)


def published(item, user=None):
    item.get_latest_revision().publish(user=user)
    return NewsItemPage.objects.get(pk=item.pk)


def download(client, document):
    return client.get(document.url)


def assert_downloadable(client, document):
    response = download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def assert_hidden(client, document):
    response = download(client, document)
    assert response.status_code == 404


def test_documents_go_through_wagtails_view(document):
    assert document.url == f"/documents/{document.pk}/{document.filename}"


# Visitors -----------------------------------------------------------------------------


def test_attachment_of_a_published_item_is_downloadable(client, draft, document):
    published(draft)
    assert_downloadable(client, document)


def test_attachment_of_a_draft_is_hidden(client, draft, document):
    assert_hidden(client, document)


def test_attachment_of_an_item_in_review_is_hidden(client, draft, document, editor_a):
    start_review(draft, editor_a)
    assert_hidden(client, document)


def test_attachment_of_an_unpublished_item_is_hidden_again(client, draft, document):
    item = published(draft)
    assert_downloadable(client, document)
    item.unpublish()
    assert_hidden(client, document)


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_attachment_of_a_private_item_is_hidden(client, draft, document, restriction):
    item = published(draft)
    PageViewRestriction.objects.create(page=item, restriction_type=restriction, password="mat-khau")
    assert_hidden(client, document)


def test_attachment_under_a_private_agency_index_is_hidden(client, draft, document, agency_a):
    published(draft)
    PageViewRestriction.objects.create(
        page=agency_a.index_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert_hidden(client, document)


def test_orphaned_document_is_hidden(client, draft, document):
    item = published(draft)
    item.original_file = None
    item.save_revision().publish()
    assert_hidden(client, document)


def test_a_draft_change_does_not_expose_a_new_attachment(client, agency_a, document):
    item = NewsItemPageFactory(parent=agency_a.index_page)
    item.original_file = document
    item.save_revision()  # the draft uses it; the live item does not yet
    assert_hidden(client, document)
    item.get_latest_revision().publish()
    assert_downloadable(client, document)


def test_a_document_linked_from_live_rich_text_is_downloadable(client, agency_a, document):
    link = f'<p>Xem <a linktype="document" id="{document.pk}">văn bản</a>.</p>'
    item = NewsItemPageFactory(parent=agency_a.index_page, live=False, body=link)
    item.save_revision()
    assert_hidden(client, document)
    item.get_latest_revision().publish()
    assert_downloadable(client, document)


def test_one_public_use_is_enough(client, agency_a, document):
    NewsItemPageFactory(parent=agency_a.index_page, live=False, original_file=document)
    NewsItemPageFactory(parent=agency_a.index_page, original_file=document)
    assert_downloadable(client, document)


def test_collection_privacy_still_applies(client, draft, document, agency_a):
    published(draft)
    CollectionViewRestriction.objects.create(
        collection=agency_a.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = download(client, document)
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_or_mismatched_documents_are_404(client, document):
    assert client.get(f"/documents/{document.pk}/ten-khac.pdf").status_code == 404
    assert client.get("/documents/999999/ban-goc.pdf").status_code == 404


def test_downloads_are_never_page_cached(client, draft, document):
    published(draft)
    for _ in range(2):
        assert "X-Cache" not in download(client, document)


# Users of the admin -------------------------------------------------------------------


@pytest.mark.parametrize("user", ["editor_a", "head_a", "office_user"])
def test_own_agency_and_office_download_a_drafts_attachment(request, client, draft, document, user):
    client.force_login(request.getfixturevalue(user))
    assert_downloadable(client, document)


def test_another_agencys_editor_cannot_download_a_draft(client, draft, document, editor_b):
    client.force_login(editor_b)
    assert_hidden(client, document)
    published(draft)
    assert_downloadable(client, document)


# Cost ---------------------------------------------------------------------------------


@pytest.mark.parametrize("user", [None, "editor_b"])
def test_the_check_costs_the_same_however_many_pages_use_the_file(
    request, client, agency_a, document, user, django_assert_max_num_queries
):
    if user:
        client.force_login(request.getfixturevalue(user))
    NewsItemPageFactory(parent=agency_a.index_page, original_file=document)
    download(client, document)  # warm the content type cache
    with django_assert_max_num_queries(20) as one_page:
        assert download(client, document).status_code == 200
    for _ in range(5):
        NewsItemPageFactory(parent=agency_a.index_page, original_file=document)
        NewsItemPageFactory(parent=agency_a.index_page, live=False, original_file=document)
    with django_assert_max_num_queries(len(one_page.captured_queries)):
        assert download(client, document).status_code == 200


def test_the_check_itself_is_three_queries(document, agency_a, django_assert_num_queries):
    NewsItemPageFactory(parent=agency_a.index_page, original_file=document)
    document_access.is_public(document)  # warm the content type cache
    with django_assert_num_queries(3):
        assert document_access.is_public(document)


# Media in DEBUG -----------------------------------------------------------------------


@pytest.fixture
def debug_urls():
    """portal.urls as DEBUG builds it; the normal one is restored afterwards."""
    import portal.urls

    with override_settings(DEBUG=True):
        importlib.reload(portal.urls)
        clear_url_caches()
        yield
    importlib.reload(portal.urls)
    clear_url_caches()


def test_debug_media_serves_images_but_not_documents(client, debug_urls, document, agency_a):
    image = get_image_model().objects.create(
        title="Ảnh", file=get_test_image_file(), collection=agency_a.collection
    )
    assert resolve("/media/" + document.file.name).func is (
        document_access.serve_media_except_documents
    )
    assert client.get("/media/" + image.file.name).status_code == 200
    for path in (document.file.name, "original_images/../" + document.file.name):
        assert client.get("/media/" + path).status_code == 404


def test_media_view_refuses_the_documents_folder_however_spelt(document, settings):
    request = RequestFactory().get("/")
    view = document_access.serve_media_except_documents
    for path in (document.file.name, "./" + document.file.name, "x/../" + document.file.name):
        with pytest.raises(Http404):
            view(request, path, document_root=settings.MEDIA_ROOT)
    assert Client().get(document.url).status_code == 404  # and Wagtail's view checks it
