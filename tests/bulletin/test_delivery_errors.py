import pytest

from bulletin.delivery_errors import explain_error
from bulletin.models import FeedDelivery


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "not configured: set CENTRAL_FEED_URL and CENTRAL_FEED_SECRET",
            "Chưa gửi: chưa cấu hình địa chỉ nhận Bản tin điện tử CCHC của Chính phủ "
            "(CENTRAL_FEED_URL, CENTRAL_FEED_SECRET).",
        ),
        (
            "HTTP 503",
            "Máy chủ Bản tin điện tử CCHC của Chính phủ đang gặp sự cố (mã lỗi HTTP 503).",
        ),
        (
            "HTTP 401",
            "Máy chủ Bản tin điện tử CCHC của Chính phủ từ chối nhận bản tin (mã lỗi HTTP 401).",
        ),
        (
            "ConnectionError: [Errno 111] Connection refused",
            "Không kết nối được máy chủ Bản tin điện tử CCHC của Chính phủ "
            "(ConnectionError: [Errno 111] Connection refused).",
        ),
        (
            "ReadTimeout: timed out",
            "Không kết nối được máy chủ Bản tin điện tử CCHC của Chính phủ "
            "(ReadTimeout: timed out).",
        ),
        ("something else", "something else"),
        ("", ""),
    ],
)
def test_the_office_reads_each_kind_of_error_in_vietnamese(stored, shown):
    assert explain_error(stored) == shown
    assert FeedDelivery(last_error=stored).get_last_error_display() == shown
