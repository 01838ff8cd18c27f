"""The subscribers' e-mails: the confirmation, and a bulletin (HTML with a plain-text part).

A bulletin's e-mail is rendered once per batch and choice of topics and agencies, with
placeholders for the subscriber's own links, which each recipient's copy replaces by theirs: a
thousand recipients cost one rendering.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cchc_news.links import SiteRootPathsHolder, absolute_page_url, absolute_url

from . import conf, tokens
from .interests import EVERYTHING

UNSUBSCRIBE_PLACEHOLDER = "cchc-subscriptions-unsubscribe-url"
PREFERENCES_PLACEHOLDER = "cchc-subscriptions-preferences-url"


def from_email():
    return conf.get("SUBSCRIPTIONS_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL


def one_line(text):
    return " ".join(text.split())


def confirmation_url(subscriber):
    path = reverse("subscriptions:confirm", args=[tokens.confirmation_token(subscriber)])
    return absolute_url(path)


def unsubscribe_url(subscriber):
    return absolute_url(reverse("subscriptions:unsubscribe", args=[subscriber.token]))


def list_unsubscribe(subscriber):
    """The List-Unsubscribe header: the one-click URL (RFC 8058), and a mailto: beside it
    (RFC 2369) if SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO names a mailbox; its subject carries the
    subscriber's secret, for whatever reads that mailbox (not this app)."""
    links = [unsubscribe_url(subscriber)]
    mailbox = conf.get("SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO")
    if mailbox:
        links.append(f"mailto:{mailbox}?subject={quote(f'unsubscribe {subscriber.token}')}")
    return ", ".join(f"<{link}>" for link in links)


def preferences_url(subscriber):
    return absolute_url(reverse("subscriptions:preferences", args=[subscriber.token]))


def personalised(text, subscriber):
    """`text` with the placeholders replaced by the subscriber's own links."""
    return text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url(subscriber)).replace(
        PREFERENCES_PLACEHOLDER, preferences_url(subscriber)
    )


def confirmation_email(subscriber):
    context = {
        "confirmation_url": confirmation_url(subscriber),
        "topics": subscriber.topics.all(),
        "agencies": subscriber.agencies.all(),
        "hours": conf.get("SUBSCRIPTIONS_CONFIRMATION_MAX_AGE") // 3600,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("subscriptions/emails/confirmation_subject.txt", context)
        body = render_to_string("subscriptions/emails/confirmation.txt", context)
    # Auto-Submitted: an automatic message (RFC 3834), so that nobody's auto-reply answers it.
    headers = {"Auto-Submitted": "auto-generated"}
    return EmailMessage(one_line(subject), body, from_email(), [subscriber.email], headers=headers)


class BulletinEmail:
    """The e-mail of one mailing, rendered once per choice of topics and agencies;
    `message_for(subscriber)` personalises it."""

    def __init__(self, mailing):
        bulletin, holder = mailing.bulletin, SiteRootPathsHolder()
        bulletin_url = absolute_page_url(bulletin, holder)
        self.context = {
            "bulletin": bulletin,
            "correction": mailing.correction,
            "bulletin_url": bulletin_url,
            "pdf_url": bulletin_url.rstrip("/") + "/" + bulletin.reverse_subpage("pdf"),
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "preferences_url": PREFERENCES_PLACEHOLDER,
        }
        self.sections = linked_sections(bulletin, holder)
        self.list_id = f"<ban-tin-cchc.{list_domain()}>"
        self.rendered = {}

    def parts(self, interests=EVERYTHING):
        """(subject, text, html) with the entries that `interests` wants, rendered once."""
        if interests not in self.rendered:
            context = self.context | {"sections": interests.sections(self.sections)}
            with translation.override(settings.LANGUAGE_CODE):
                self.rendered[interests] = (
                    one_line(
                        render_to_string("subscriptions/emails/bulletin_subject.txt", context)
                    ),
                    render_to_string("subscriptions/emails/bulletin.txt", context),
                    render_to_string("subscriptions/emails/bulletin.html", context),
                )
        return self.rendered[interests]

    def message_for(self, subscriber):
        subject, text, html = self.parts(subscriber.interests())
        headers = {
            # RFC 2369 and RFC 8058: the mail client's own unsubscribe button, one POST.
            "List-Unsubscribe": list_unsubscribe(subscriber),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
            "Auto-Submitted": "auto-generated",
        }
        message = EmailMultiAlternatives(
            subject,
            personalised(text, subscriber),
            from_email(),
            [subscriber.email],
            headers=headers,
        )
        message.attach_alternative(personalised(html, subscriber), "text/html")
        return message


def list_domain():
    base = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1]
    return base.split("/", 1)[0].split(":", 1)[0] or "localhost"


def linked_sections(bulletin, holder):
    """The bulletin's sections with each item's absolute URL: [(topic, [(item, url, note)])]."""
    return [
        (topic, [(item, absolute_page_url(item, holder), note) for item, note in entries])
        for topic, entries in bulletin.sections()
    ]
