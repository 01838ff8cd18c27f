"""Reading e-mails as Outlook, Gmail and Thunderbird send them (tests/cchc_news/mail_in/eml):
Vietnamese subjects in RFC 2047 B and Q encodings, attachment names in RFC 2047 and RFC 2231
(continued over two lines), automatic messages, SPF/DKIM results."""

from datetime import UTC, datetime

import pytest

from cchc_news.mail_in.parse import parse_mail

from .conftest import eml
from .messages import message


def test_outlook_b_encoded_subject_and_rfc2231_word_attachment_without_the_signature_logo():
    parsed = parse_mail(eml("outlook_docx.eml"))
    assert parsed.subject == "Sở Tư pháp gửi tin hội nghị triển khai CCHC năm 2027"
    assert parsed.sender == "vanthu.stp@stp.gov.vn"
    assert parsed.sender_name == "Văn thư Sở Tư pháp"
    assert parsed.message_id == (
        "<SG2PR06MB5318D7C4B2A1E0F9@SG2PR06MB5318.apcprd06.prod.outlook.com>"
    )
    assert parsed.sent_at == datetime(2026, 11, 30, 9, 15, 22, tzinfo=UTC)
    assert parsed.text.startswith("Kính gửi Phòng CCHC,\n\nSở Tư pháp gửi tin, bài")
    assert [(a.name, a.data[:2]) for a in parsed.attachments] == [
        ("Báo cáo hội nghị CCHC 2027.docx", b"PK")
    ]
    assert parsed.authentication == {"spf": "pass", "dkim": "pass", "dmarc": "pass"}
    assert parsed.automatic == () and not parsed.authentication_failed


def test_gmail_q_encoded_subject_over_three_encoded_words_and_rfc2047_pdf_name():
    parsed = parse_mail(eml("gmail_pdf.eml"))
    assert parsed.subject == "UBND phường Bến Thành: kết quả một cửa liên thông tháng 11"
    assert parsed.sender_name == "Phường Bến Thành"
    assert "1.245 hồ sơ, 99,2% đúng hạn." in parsed.text
    assert [a.name for a in parsed.attachments] == ["Kết quả một cửa T11.pdf"]
    assert parsed.attachments[0].data.startswith(b"%PDF-")


def test_thunderbird_rfc2231_continued_file_name_and_flowed_text():
    parsed = parse_mail(eml("thunderbird_odt.eml"))
    assert parsed.subject == "Kế hoạch tuyên truyền CCHC năm 2027"
    assert [a.name for a in parsed.attachments] == [
        "Kế hoạch tuyên truyền cải cách hành chính năm 2027 của Sở Tư pháp.odt"
    ]
    # format=flowed: the line broken after "năm " is one line again.
    assert "cải cách hành chính năm 2027 để đăng" in parsed.text
    assert parsed.authentication == {"spf": "pass", "dkim": "none"}


def test_html_only_message_gives_its_text():
    raw = (
        b"From: a@stp.gov.vn\r\nSubject: x\r\nMessage-ID: <h@x>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Xin ch\xc3\xa0o</p><p>Tin</p>"
    )
    assert parse_mail(raw).text == "Xin chào\nTin"


def test_a_message_without_message_id_gets_the_same_one_each_time():
    raw = message(message_id=None)
    first, second = parse_mail(raw), parse_mail(raw)
    assert first.message_id == second.message_id
    assert first.message_id.startswith("<sha256-")
    assert parse_mail(message(message_id=None, text="khác")).message_id != first.message_id


@pytest.mark.parametrize(
    "headers, kind",
    [
        ({"Auto-Submitted": "auto-replied"}, "auto_reply"),
        ({"X-Autoreply": "yes"}, "auto_reply"),
        ({"Precedence": "bulk"}, "auto_reply"),
        ({"Precedence": "junk"}, "auto_reply"),
        ({"Precedence": "list"}, "auto_reply"),
        ({"Return-Path": "<>"}, "bounce"),
        ({"X-CCHC-Mail-In": "1"}, "loop"),
    ],
)
def test_automatic_messages_are_recognised(headers, kind):
    assert parse_mail(message(headers=headers)).automatic[0] == kind


def test_auto_submitted_no_is_a_person_writing():
    assert parse_mail(message(headers={"Auto-Submitted": "no"})).automatic == ()


def test_a_delivery_report_is_a_bounce():
    raw = (
        b"From: MAILER-DAEMON@mx.stp.gov.vn\r\nSubject: Undelivered\r\nMessage-ID: <b@x>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; "
        b'boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n'
    )
    assert parse_mail(raw).automatic[0] == "bounce"


def test_mail_from_the_portal_itself_is_a_loop():
    raw = message(sender="cchc@sonoivu.gov.vn")
    assert parse_mail(raw, own_addresses=("cchc@sonoivu.gov.vn",)).automatic[0] == "loop"


def test_only_the_receiving_servers_authentication_results_count():
    # The topmost header is the receiving server's; one the sender wrote further down lies.
    parsed = parse_mail(
        b"Authentication-Results: mx.sonoivu.gov.vn; spf=fail smtp.mailfrom=x; dkim=fail\r\n"
        + message(headers={"Authentication-Results": "evil.example; dkim=pass; spf=pass"})
    )
    assert parsed.authentication == {"spf": "fail", "dkim": "fail"}
    assert parsed.authentication_failed


def test_with_an_authserv_id_only_that_servers_header_counts():
    raw = (
        b"Authentication-Results: evil.example; dkim=fail\r\n"
        b"Authentication-Results: mx.sonoivu.gov.vn; dkim=pass\r\n" + message()
    )
    assert parse_mail(raw).authentication == {"dkim": "fail"}
    assert parse_mail(raw, authserv_id="mx.sonoivu.gov.vn").authentication == {"dkim": "pass"}
