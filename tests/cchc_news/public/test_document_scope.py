"""Which documents wait for a live page: the CCHC collections' by default, every one with
CCHC_DOCUMENT_ACCESS = "all" (the portal's choice; cchc_news.public.document_scope)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.files import make_pdf
from tests.workflows.builders import draft_item, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosts_document(section):
    """A file of the host's library, in no CCHC collection, used by no page."""
    return get_document_model().objects.create(
        title="Quy chế",
        file=ContentFile(make_pdf(), name="quy-che.pdf"),
        collection=Collection.get_first_root_node(),
    )


@pytest.fixture
def draft_attachment(agency_a, editor_a):
    document = make_document(make_pdf(), "ban-goc.pdf", agency_a, user=editor_a)
    draft_item(agency_a, editor_a, original_file=document)
    return document


def status(client, document):
    return client.get(document.url).status_code


def test_by_default_only_the_cchc_files_wait_for_a_live_page(
    client, settings, hosts_document, draft_attachment
):
    settings.CCHC_DOCUMENT_ACCESS = "section"
    assert status(client, hosts_document) == 200  # as Wagtail serves it
    assert status(client, draft_attachment) == 404


def test_all_makes_every_document_wait_for_a_live_page(
    client, settings, hosts_document, draft_attachment
):
    settings.CCHC_DOCUMENT_ACCESS = "all"
    assert status(client, hosts_document) == 404
    assert status(client, draft_attachment) == 404


def test_the_offices_files_in_the_sections_collection_are_cchc_files(
    client, settings, agency_a, hosts_document
):
    settings.CCHC_DOCUMENT_ACCESS = "section"
    hosts_document.collection = agency_a.collection.get_parent()
    hosts_document.save()
    assert status(client, hosts_document) == 404
