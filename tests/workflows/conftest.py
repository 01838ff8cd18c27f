import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import TopicFactory
from tests.files import make_pdf


@pytest.fixture
def topic(db):
    return TopicFactory()


@pytest.fixture
def original_pdf(agency_a, editor_a):
    return get_document_model().objects.create(
        title="Tệp gốc",
        file=ContentFile(make_pdf(2), name="tin-bai.pdf"),
        collection=agency_a.collection,
        uploaded_by_user=editor_a,
    )


@pytest.fixture
def head_b(make_user, agency_b):
    return make_user("head_b", agency_b.heads_group)


@pytest.fixture
def office_user_2(make_user, office_user):
    return make_user("office2", *office_user.groups.all())
