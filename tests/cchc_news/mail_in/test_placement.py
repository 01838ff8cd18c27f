"""A received e-mail becomes a draft of the agency that registered its sender, owned by the
intake editor, once; what cannot be placed goes to quarantine with the reason."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from cchc_news.checklist.rules import failed_rules
from cchc_news.mail_in import placement, replies
from cchc_news.mail_in.drafts import MAIL_IN_ACTION
from cchc_news.models import IncomingMail, NewsItemPage, OutboxEmail
from tests.files import make_docx
from tests.zip_files import docx_bomb

from .conftest import eml
from .messages import message

pytestmark = pytest.mark.django_db

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def test_an_outlook_word_file_becomes_a_draft_through_the_word_import(mail_agency, intake_a):
    row, new = placement.receive(eml("outlook_docx.eml"))
    assert new and row.status == IncomingMail.PLACED and row.agency == mail_agency
    item = NewsItemPage.objects.get()
    assert item.get_parent().pk == mail_agency.index_page.pk and not item.live
    assert item.owner == intake_a and item.agency == mail_agency
    assert item.title == "Sở Tư pháp tổ chức hội nghị triển khai CCHC năm 2027"
    assert item.summary.startswith("Sáng 30/11, Sở Tư pháp")
    assert item.original_file.title == item.title
    assert item.original_file.file.name.endswith(".docx")
    assert row.page_id == item.pk and row.raw is not None


def test_the_drafts_history_says_it_came_by_email_from_whom_and_with_which_message_id(
    mail_agency, intake_a
):
    placement.receive(eml("outlook_docx.eml"))
    entry = PageLogEntry.objects.get(action=MAIL_IN_ACTION)
    assert entry.user == intake_a and entry.revision is not None
    assert entry.data["sender"] == "vanthu.stp@stp.gov.vn"
    assert entry.data["message_id"].startswith("<SG2PR06MB5318D7C4B2A1E0F9@")
    assert entry.data["sent_at"] == "2026-11-30T09:15:22+00:00"
    assert entry.data["authentication"]["dkim"] == "pass"
    assert "vanthu.stp@stp.gov.vn" in str(entry.message)
    assert "SPF/DKIM: spf=pass, dkim=pass, dmarc=pass" in str(entry.message)


def test_an_odt_becomes_the_original_file_with_the_subject_and_text(mail_agency):
    placement.receive(eml("thunderbird_odt.eml"))
    item = NewsItemPage.objects.get()
    assert item.title == "Kế hoạch tuyên truyền CCHC năm 2027"
    assert "cải cách hành chính năm 2027 để đăng" in item.body
    assert item.original_file.file.name.endswith(".odt")


def test_a_pdf_from_gmail_becomes_the_original_file(agency_b, make_user):
    editor = make_user("intake_b", agency_b.editors_group)
    agency_b.mail_senders, agency_b.intake_editor = "cchc.benthanh@gmail.com", editor
    agency_b.save()
    placement.receive(eml("gmail_pdf.eml"))
    item = NewsItemPage.objects.get()
    assert item.agency == agency_b and item.owner == editor
    assert item.title == "UBND phường Bến Thành: kết quả một cửa liên thông tháng 11"
    assert item.original_file.file.name.endswith(".pdf")


def test_without_attachment_the_subject_and_text(mail_agency):
    placement.receive(message(subject="Re: Tin <b>mới</b>", text="Dòng một\nDòng hai\n\nĐoạn hai"))
    item = NewsItemPage.objects.get()
    assert item.title == "Tin <b>mới</b>" and item.original_file is None
    assert item.body == "<p>Dòng một<br/>Dòng hai</p><p>Đoạn hai</p>"


def test_the_sender_and_the_agencys_editors_are_told(mail_agency, intake_a, editor_a):
    row, _ = placement.receive(eml("outlook_docx.eml"))
    answer = OutboxEmail.objects.get(to=["vanthu.stp@stp.gov.vn"])
    link = f"/admin/pages/{row.page_id}/edit/"
    assert link in answer.body and "Trần Thị Bình" in answer.body
    assert answer.headers["Auto-Submitted"] == "auto-replied"
    assert answer.headers["In-Reply-To"] == row.message_id
    assert answer.headers["X-CCHC-Mail-In"] == "1"
    # The checklist's failing rules (the topic is not chosen yet), each by its name.
    failed = failed_rules(NewsItemPage.objects.get())
    assert "topic" in [rule.code for rule in failed]
    assert all(f"- {rule.label}: {rule.detail}" in answer.body for rule in failed)
    notice = OutboxEmail.objects.exclude(pk=answer.pk).get()
    assert sorted(notice.bcc) == sorted([intake_a.email, editor_a.email])
    assert link in notice.body


def test_the_same_message_twice_makes_one_draft(mail_agency):
    first, new = placement.receive(eml("outlook_docx.eml"), imap_key="u:INBOX:7:1")
    again, new_again = placement.receive(eml("outlook_docx.eml"), imap_key="u:INBOX:7:1")
    assert new and not new_again and again.pk == first.pk
    assert NewsItemPage.objects.count() == 1 and OutboxEmail.objects.count() == 2


def test_a_crash_half_way_leaves_nothing_and_the_next_try_places_it_once(mail_agency, monkeypatch):
    def crash(row, parsed):
        raise RuntimeError("process killed")

    monkeypatch.setattr(replies, "announce_draft", crash)
    with pytest.raises(RuntimeError):
        placement.receive(eml("thunderbird_odt.eml"))
    assert not NewsItemPage.objects.exists() and not IncomingMail.objects.exists()
    monkeypatch.undo()
    placement.receive(eml("thunderbird_odt.eml"))
    placement.receive(eml("thunderbird_odt.eml"))
    assert NewsItemPage.objects.count() == 1 and IncomingMail.objects.count() == 1


def quarantined(raw, code):
    row, new = placement.receive(raw)
    assert new and row.status == IncomingMail.QUARANTINED, row.status
    assert row.reason_code == code, (row.reason_code, row.reason_params)
    assert not NewsItemPage.objects.exists() and not OutboxEmail.objects.exists()
    assert row.reason  # a sentence for the office
    return row


def test_an_unknown_sender_goes_to_quarantine_unanswered(mail_agency):
    row = quarantined(message(sender="la@example.com"), "unknown_sender")
    assert row.reason_params == {"sender": "la@example.com"}


def test_a_sender_of_two_agencies_goes_to_quarantine(mail_agency, agency_b):
    agency_b.mail_senders = "binh.tt@stp.gov.vn"
    agency_b.save()
    quarantined(message(), "several_agencies")


def test_an_agency_without_intake_editor_cannot_own_a_draft(mail_agency):
    mail_agency.intake_editor = None
    mail_agency.save()
    quarantined(message(), "no_intake_editor")


def test_a_program_attachment_is_refused(mail_agency):
    raw = message(attachments=[("bao-cao.exe", b"MZ\x90\x00", "application", "octet-stream")])
    assert quarantined(raw, "refused_attachment").reason_params["name"] == "bao-cao.exe"


def test_a_word_file_that_is_really_something_else_is_refused(mail_agency):
    raw = message(attachments=[("tin.docx", b"%PDF-1.4 not really", *DOCX)])
    quarantined(raw, "attachment_unreadable")


def test_a_zip_bomb_is_refused(mail_agency):
    raw = message(attachments=[("tin.docx", docx_bomb(200), *DOCX)])
    row = quarantined(raw, "attachment_unreadable")
    assert "word/document.xml" in row.reason and "200,0 MB" in row.reason


def test_an_over_size_message_goes_to_quarantine_with_its_headers_only(mail_agency, settings):
    settings.CCHC_MAIL_IN_MAX_BYTES = 1000
    raw = message(attachments=[("tin.docx", make_docx(["Tin", "x" * 2000]), *DOCX)])
    row = quarantined(raw, "too_large")
    assert row.raw is None and row.subject == "Tin hội nghị CCHC"


@pytest.mark.parametrize(
    "headers, code",
    [
        ({"Auto-Submitted": "auto-replied"}, "auto_reply"),
        ({"Precedence": "bulk"}, "auto_reply"),
        ({"Return-Path": "<>"}, "bounce"),
        ({"X-CCHC-Mail-In": "1"}, "loop"),
    ],
)
def test_automatic_messages_of_a_registered_sender_are_kept_not_answered(
    mail_agency, headers, code
):
    quarantined(message(headers=headers), code)


def test_a_failing_dkim_check_sends_the_message_to_quarantine(mail_agency):
    raw = b"Authentication-Results: mx.sonoivu.gov.vn; spf=pass; dkim=fail\r\n" + message()
    row = quarantined(raw, "authentication_failed")
    assert row.authentication == {"spf": "pass", "dkim": "fail"}


def test_receive_mail_reads_standard_input(mail_agency):
    out = io.StringIO()
    call_command("receive_mail", stdin=io.BytesIO(eml("thunderbird_odt.eml")), stdout=out)
    call_command("receive_mail", stdin=io.BytesIO(eml("thunderbird_odt.eml")), stdout=out)
    assert NewsItemPage.objects.count() == 1
    assert out.getvalue().splitlines() == [
        "<3f9b2c1e-7a4d-4e8b-9c2f-1a5b6d7e8f90@stp.gov.vn>: placed (new)",
        "<3f9b2c1e-7a4d-4e8b-9c2f-1a5b6d7e8f90@stp.gov.vn>: placed (already received)",
    ]
