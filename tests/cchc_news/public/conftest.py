import pytest

from tests.factories import TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(name="Kết quả cải cách", slug="ket-qua")
