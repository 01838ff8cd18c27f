"""The bulletin as an e-mail to the central e-bulletin (the e-mail delivery backend)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import BulletinPage
from .pdf import pdf_filename, render_pdf


def bulletin_email(delivery):
    bulletin = BulletinPage.objects.get(pk=delivery.bulletin_id)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
    context = {
        "payload": delivery.payload["data"],
        "bulletin": bulletin,
        "correction": delivery.correction if delivery.correction_id else None,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("bulletin/emails/central_subject.txt", context)
        body = render_to_string("bulletin/emails/central.txt", context)
    message = EmailMessage(
        " ".join(subject.split()),
        body.strip(),
        to=[delivery.target],
        headers={"X-Webhook-Id": delivery.webhook_id},
    )
    message.attach(pdf_filename(bulletin), render_pdf(bulletin, base_url), "application/pdf")
    return message
