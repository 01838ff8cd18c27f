"""The demo's mail in: agencies' registered senders and intake editors, and two e-mails.

One from an agency's registered address (a draft in its space) and one from an unknown
address (in the office's quarantine), so that "E-mails received" shows both outcomes.
"""

from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from cchc_news.mail_in.placement import receive

from .data import EMAIL_DOMAIN

DEMO_MESSAGE_DOMAIN = "demo.invalid"


def register_sender(agency, editor):
    """The agency's contact address may send items; its demo editor owns the drafts."""
    if not agency.mail_senders and agency.email:
        agency.mail_senders = agency.email
    if agency.intake_editor_id is None:
        agency.intake_editor = editor
    agency.save(update_fields=["mail_senders", "intake_editor"])


def demo_message(sender, subject, text, number):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"cchc@{EMAIL_DOMAIN}"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = f"<demo-{number}@{DEMO_MESSAGE_DOMAIN}>"
    message.set_content(text)
    return message.as_bytes()


def receive_demo_mail(agency):
    """Two e-mails, received once (their Message-IDs make a second run a no-op)."""
    placed, _new = receive(
        demo_message(
            agency.email,
            "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ ngoài giờ hành chính",
            "Từ ngày 01/12, Trung tâm tiếp nhận hồ sơ vào sáng thứ Bảy hằng tuần.\n\n"
            "Đề nghị Phòng CCHC đăng tin trên Trang thông tin điện tử của Sở.",
            1,
        ),
        announce=False,  # the demo mails nobody: its addresses are made up
    )
    quarantined, _new = receive(
        demo_message(
            f"vanthu@xa-an-binh.{DEMO_MESSAGE_DOMAIN}",
            "Gửi tin cải cách hành chính tháng 12",
            "Xã An Bình gửi tin về kết quả một cửa tháng 12.",
            2,
        ),
        announce=False,
    )
    return placed, quarantined
