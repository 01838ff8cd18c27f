"""Small messages built in tests, in the shape a mail client sends them."""

from email.message import EmailMessage


def message(
    sender="binh.tt@stp.gov.vn",
    subject="Tin hội nghị CCHC",
    text="Nội dung tin.",
    message_id="<test-1@stp.gov.vn>",
    headers=None,
    attachments=(),
):
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "cchc@sonoivu.gov.vn"
    mail["Subject"] = subject
    mail["Date"] = "Thu, 03 Dec 2026 09:00:00 +0700"
    if message_id:
        mail["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(text)
    for name, data, maintype, subtype in attachments:
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail.as_bytes()
