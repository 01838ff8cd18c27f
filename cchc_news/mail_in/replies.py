"""The e-mails a placed message causes, written to the outbox in the placing transaction: the
answer to the sender (received, the draft's admin link, the checklist's failing rules, who will
submit it) and the notice to the agency's editors. Neither is sent for an automatic message, and
both carry LOOP_HEADER and Auto-Submitted so that an answer to them is never placed again."""

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext

from ..checklist.rules import failed_rules
from ..links import absolute_url
from ..outbox import storage
from .parse import LOOP_HEADER

SOURCE = "mail_in"


def admin_link(page):
    return absolute_url(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def person(user):
    return (user.get_full_name() or user.get_username()) if user else "?"


def checklist_lines(page):
    failed = failed_rules(page.get_latest_revision_as_object())
    if not failed:
        return [gettext("The checklist finds nothing to fix.")]
    lines = [gettext("Before it is submitted for review, the checklist asks for:")]
    return lines + [f"- {rule.label}: {rule.detail}" for rule in failed]


def sender_body(row, page):
    agency, editor = row.agency, row.agency.intake_editor
    lines = [
        gettext("The CCHC office received your e-mail “%(subject)s”.") % {"subject": row.subject},
        gettext("It is now the draft “%(title)s” of %(agency)s:")
        % {"title": page.title, "agency": agency.name},
        admin_link(page),
        "",
        *checklist_lines(page),
        "",
        gettext("%(editor)s of %(agency)s will complete it and submit it for review.")
        % {"editor": person(editor), "agency": agency.name},
    ]
    return "\n".join(lines)


def editors_body(row, page):
    lines = [
        gettext("A news item for %(agency)s came by e-mail from %(sender)s (“%(subject)s”).")
        % {"agency": row.agency.name, "sender": row.sender, "subject": row.subject},
        gettext("Its draft, owned by %(editor)s:") % {"editor": person(row.agency.intake_editor)},
        admin_link(page),
        "",
        *checklist_lines(page),
    ]
    return "\n".join(lines)


def _headers(parsed):
    return {
        "Auto-Submitted": "auto-replied",
        LOOP_HEADER: "1",
        "In-Reply-To": parsed.message_id,
        "References": parsed.message_id,
    }


def editor_addresses(agency):
    group = agency.editors_group
    if group is None:
        return []
    users = group.user_set.filter(is_active=True).exclude(email="").order_by("pk")
    return list(users.values_list("email", flat=True))


def announce_draft(row, parsed):
    """Write the answer to the sender and the notice to the agency's editors to the outbox."""
    page = row.page.specific
    subject = gettext("Received: %(subject)s") % {"subject": row.subject or page.title}
    messages = []
    if not parsed.automatic and parsed.sender:
        messages.append(
            EmailMessage(
                subject, sender_body(row, page), to=[parsed.sender], headers=_headers(parsed)
            )
        )
    editors = editor_addresses(row.agency)
    if editors:
        notice = gettext("News item by e-mail: %(title)s") % {"title": page.title}
        headers = {"Auto-Submitted": "auto-generated", LOOP_HEADER: "1"}
        messages.append(EmailMessage(notice, editors_body(row, page), bcc=editors, headers=headers))
    if messages:
        storage.write(messages, source=SOURCE)
