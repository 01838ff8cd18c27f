"""A file at the guard's limits is measured and imported in bounded memory.

The file: 6 MB, within the 10 MB upload limit; it unpacks to about 40 MB (two 19 MB parts that
pack 7 to 1, under the 50 MB total and 20 MB per part) and its document part holds just under
MAX_XML_ELEMENTS elements. By hand this measures in about 2 s and imports in about 6 s (no
timing is asserted here). tracemalloc sees Python's allocations, not lxml's own C buffers.
"""

import io
import tracemalloc

import pytest

from cchc_news.uploads.file_types import measure_file
from cchc_news.uploads.zip_guard import MAX_XML_ELEMENTS, check_zip_container
from cchc_news.word_import.reader import read_word_file
from tests.zip_files import MB, at_the_limits

MEASURE_PEAK_MB = 48  # about 10 MB measured
IMPORT_PEAK_MB = 96  # about 25 MB measured; the 38 MB zip bomb used about 1.7 GB


@pytest.fixture(scope="module")
def at_limits():
    data = at_the_limits(MAX_XML_ELEMENTS - 60, 19 * MB, fillers=2)
    assert len(data) < 10 * MB
    check_zip_container(io.BytesIO(data))  # within every limit
    return data


def peak_mb(work):
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def test_measuring_a_file_at_the_limits_stays_in_bounded_memory(at_limits):
    fileobj = io.BytesIO(at_limits)
    facts, peak = peak_mb(lambda: measure_file(fileobj, "tin-bai.docx", len(at_limits)))
    assert facts.kind == "docx" and facts.docx_chars > 0 and not facts.unreadable_code
    assert peak < MEASURE_PEAK_MB


@pytest.mark.django_db
def test_importing_a_file_at_the_limits_stays_in_bounded_memory(at_limits):
    fileobj = io.BytesIO(at_limits)
    content, peak = peak_mb(lambda: read_word_file(fileobj, "tin-bai.docx"))
    assert len(content.body) > MAX_XML_ELEMENTS // 4
    assert peak < IMPORT_PEAK_MB
