"""Reading one e-mail message: who sent it, its subject and text, its attachments, whether it is
an automatic message (auto-reply, bounce, loop) and what the receiving server's SPF/DKIM
checks said. Pure reading with the standard ``email`` package; nothing here touches the database.

``email.policy.default`` decodes RFC 2047 subjects (B and Q) and RFC 2231 file names.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.utils import getaddresses, parsedate_to_datetime

from bs4 import BeautifulSoup

from ..text_safety import strip_bidi

# Put on every e-mail the portal sends in answer, so that an answer coming back is a loop.
LOOP_HEADER = "X-CCHC-Mail-In"
AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponse")
FAILING_RESULTS = {"fail", "permerror"}
AUTH_RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes
    inline: bool = False

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    sender: str  # the From address, lower case
    sender_name: str
    subject: str
    text: str
    sent_at: object = None  # an aware datetime, or None
    attachments: tuple = ()
    authentication: dict = field(default_factory=dict)
    # ("auto_reply", header) / ("bounce", "") / ("loop", "") for a message that is not answered.
    automatic: tuple = ()
    return_path: str | None = None

    @property
    def authentication_failed(self) -> bool:
        return any(self.authentication.get(key) in FAILING_RESULTS for key in ("spf", "dkim"))


def clean_text(value) -> str:
    return strip_bidi(unicodedata.normalize("NFC", str(value or ""))).strip()


def _header(message, name) -> str:
    try:
        return clean_text(message.get(name, ""))
    except (ValueError, TypeError, IndexError):  # a header too broken for the policy to parse
        return clean_text(message.get_all(name, [""])[0] if hasattr(message, "get_all") else "")


def message_id_of(message, raw) -> str:
    """The Message-ID, or one made from the message's bytes when the sender gave none (the same
    bytes fetched twice give the same identifier)."""
    value = _header(message, "Message-ID")
    found = re.search(r"<[^<>\s]+>", value)
    if found:
        return found.group(0)[:998]
    if value:
        return value[:998]
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@mail-in.invalid>"


def _sender(message):
    pairs = getaddresses([_header(message, "From")])
    name, address = pairs[0] if pairs else ("", "")
    return clean_text(name), address.strip().lower()


def _sent_at(message):
    try:
        value = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        return None
    return value if value.tzinfo else None


def _html_text(html):
    return BeautifulSoup(html, "html.parser").get_text("\n")


def _part_text(part):
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, KeyError, AssertionError):  # unknown or broken charset
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""


def unflow(text):
    """RFC 3676 format=flowed (Thunderbird): a line ending in a space goes on in the next."""
    out, current = [], ""
    for line in text.split("\n"):
        current += line
        if line.endswith(" ") and line != "-- ":
            continue
        out.append(current)
        current = ""
    return "\n".join(out + ([current] if current else []))


def _body_text(message):
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _part_text(body).replace("\r\n", "\n")
    if body.get_content_subtype() == "html":
        text = _html_text(text)
    elif body.get_param("format", "").lower() == "flowed":
        text = unflow(text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return clean_text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)))


def _attachments(message):
    found = []
    for part in message.iter_attachments():
        if part.get_content_maintype() == "multipart":
            continue
        name = clean_text(part.get_filename() or "")
        data = part.get_payload(decode=True) or b""
        if part.get_content_type() == "message/rfc822":  # a forwarded message: its bytes
            data = part.as_bytes()
        inline = part.get_content_disposition() != "attachment"
        found.append(Attachment(name, part.get_content_type(), data, inline))
    return tuple(found)


def authentication_results(message, authserv_id="") -> dict:
    """{"spf": ..., "dkim": ..., "dmarc": ...} from the receiving server's Authentication-Results.

    Only the header the receiving server added counts: the one whose authserv-id is
    `authserv_id` when set, else the topmost (a sender can add such headers below it).
    """
    for value in message.get_all("Authentication-Results", []):
        value = str(value)
        server = value.split(";", 1)[0].strip().split()[0] if value.strip() else ""
        if authserv_id and server.lower() != authserv_id.lower():
            continue
        results = {}
        for method, result in AUTH_RESULT.findall(value):
            results.setdefault(method.lower(), result.lower())
        return results
    return {}


def automatic_kind(message, sender, own_addresses=()) -> tuple:
    """Why the message must not be answered: an auto-reply, a bounce or a loop; () if none."""
    if message.get(LOOP_HEADER) is not None or (sender and sender in own_addresses):
        return ("loop", "")
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return ("auto_reply", f"Auto-Submitted: {auto_submitted}")
    for name in AUTO_HEADERS:
        if message.get(name) is not None:
            return ("auto_reply", name)
    precedence = _header(message, "Precedence").lower()
    if precedence in AUTO_PRECEDENCE:
        return ("auto_reply", f"Precedence: {precedence}")
    if message.get_content_type() == "multipart/report" or _return_path(message) == "":
        return ("bounce", "")
    if sender.split("@")[0] in ("mailer-daemon", "postmaster"):
        return ("bounce", "")
    return ()


def _return_path(message):
    value = message.get("Return-Path")
    if value is None:
        return None
    return str(value).strip().strip("<>").strip().lower()


def read_message(raw: bytes):
    return message_from_bytes(raw, policy=policy.default)


def parse_mail(raw: bytes, own_addresses=(), authserv_id="") -> ParsedMail:
    """The parts of the message in `raw` that placing it needs."""
    message = read_message(raw)
    sender = _sender(message)[1]
    return _from_headers(
        message,
        raw,
        text=_body_text(message),
        attachments=_attachments(message),
        authentication=authentication_results(message, authserv_id),
        automatic=automatic_kind(message, sender, tuple(a.lower() for a in own_addresses)),
        return_path=_return_path(message),
    )


def parse_headers(raw: bytes) -> ParsedMail:
    """Only what the headers say (a message too large to read whole)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return _from_headers(read_message(head + b"\n\n"), raw, text="")


def _from_headers(message, raw, **parts) -> ParsedMail:
    """A ParsedMail of what the headers of `message` say, and `parts`."""
    name, sender = _sender(message)
    return ParsedMail(
        message_id=message_id_of(message, raw),
        sender=sender,
        sender_name=name,
        subject=_header(message, "Subject"),
        sent_at=_sent_at(message),
        **parts,
    )
