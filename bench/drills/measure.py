"""What a drill left behind, read from the database (SQL of the drill's own, not the product's
code) and from what the receiver and the SMTP sink were given.

- bulletins per ISO week: every week that has a bulletin must have exactly one;
- items in two bulletins: an item in the entries of two live bulletins, or twice in one;
- items lost: items the drill made due (live, approved, before a past cut-off) that no live
  bulletin holds;
- deliveries received per bulletin: requests with a valid signature that the receiver
  accepted (2xx), per live bulletin, matched to the bulletin by the delivery row's webhook-id;
- e-mails lost / twice: for each approval that the database shows as done, each CCHC office
  reviewer must get the "awaiting your review" e-mail about that item once.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

LIVE_ENTRIES = """
    SELECT b.page_ptr_id, (e -> 'value' ->> 'item')::bigint
    FROM bulletin_bulletinpage b
    JOIN wagtailcore_page p ON p.id = b.page_ptr_id
    CROSS JOIN LATERAL jsonb_array_elements(b.entries::jsonb) e
    WHERE p.live AND e -> 'value' ->> 'item' IS NOT NULL
"""


@dataclass
class Measures:
    bulletins_per_week: dict = field(default_factory=dict)  # "2026-W20" -> count
    items_due: int = 0
    items_twice: int = 0
    items_lost: int = 0
    membership_mismatch: int = 0
    received_per_bulletin: dict = field(default_factory=dict)  # bulletin id -> count
    bad_signatures: int = 0
    deliveries_pending: int = 0
    emails_expected: int = 0
    emails_lost: int = 0
    emails_twice: int = 0
    approvals_unsaved: int = 0  # answered as done to the reviewer, not in the database


def query(connection, sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def bulletin_counts(connection, measures):
    rows = query(
        connection,
        "SELECT iso_year, iso_week, count(*) FROM bulletin_bulletinpage GROUP BY 1, 2",
    )
    measures.bulletins_per_week = {f"{year}-W{week:02d}": n for year, week, n in rows}


def item_counts(connection, measures, due_items):
    entries = query(connection, LIVE_ENTRIES)
    counts = Counter(item for _bulletin, item in entries)
    measures.items_due = len(due_items)
    measures.items_twice = sum(1 for n in counts.values() if n > 1)
    measures.items_lost = len(set(due_items) - set(counts))
    members = query(connection, "SELECT item_id FROM bulletin_bulletinmembership")
    members = {row[0] for row in members}
    measures.membership_mismatch = len(members ^ set(counts))


def delivery_counts(connection, measures, received):
    rows = query(
        connection,
        "SELECT d.webhook_id, d.bulletin_id, d.status FROM bulletin_feeddelivery d"
        " JOIN wagtailcore_page p ON p.id = d.bulletin_id"
        " WHERE d.channel = 'central' AND d.correction_id IS NULL AND p.live",
    )
    bulletin_of = {webhook_id: bulletin for webhook_id, bulletin, _status in rows}
    measures.deliveries_pending = sum(1 for *_ids, status in rows if status == "pending")
    live = query(connection, "SELECT id FROM wagtailcore_page p JOIN bulletin_bulletinpage b"
                 " ON b.page_ptr_id = p.id WHERE p.live")  # fmt: skip
    per_bulletin = {bulletin: 0 for (bulletin,) in live}
    for request in received:
        if not request.valid:
            measures.bad_signatures += 1
        elif 200 <= request.status < 300:
            bulletin = bulletin_of.get(request.headers.get("webhook-id"))
            per_bulletin[bulletin] = per_bulletin.get(bulletin, 0) + 1
    measures.received_per_bulletin = per_bulletin


def approved_reviews(connection, reviews):
    ids = [review["task_state"] for review in reviews]
    rows = query(
        connection,
        "SELECT id FROM wagtailcore_taskstate WHERE id = ANY(%s) AND status = 'approved'",
        [ids],
    )
    done = {row[0] for row in rows}
    return [review for review in reviews if review["task_state"] in done]


def about(title, subject):
    return re.search(re.escape(title) + r"(?!\d)", subject) is not None


def email_counts(connection, measures, done, office_emails, mails):
    """Each approval saved in the database: one e-mail to each office reviewer, once."""
    approved = approved_reviews(connection, [review for review, _action in done])
    saved = {review["task_state"] for review in approved}
    measures.approvals_unsaved = sum(
        1 for review, action in done if action.outcome == "ok" and review["task_state"] not in saved
    )
    expected = Counter()
    for review in approved:
        for address in office_emails:
            expected[(address, review["title"])] += 1
    got = Counter()
    for mail in mails:
        for (address, title) in expected:
            if address in mail.recipients and about(title, mail.subject):
                got[(address, title)] += 1
    measures.emails_expected = sum(expected.values())
    measures.emails_lost = sum(1 for key in expected if got[key] == 0)
    measures.emails_twice = sum(n - 1 for n in got.values() if n > 1)


def measure(connection, due_items, done, manifest, receiver, sink):
    """The Measures; `done` lists the approvals made, as (review, load.Action)."""
    measures = Measures()
    bulletin_counts(connection, measures)
    item_counts(connection, measures, due_items)
    delivery_counts(connection, measures, list(receiver.received))
    email_counts(connection, measures, done, manifest["office_emails"], list(sink.mails))
    connection.rollback()  # nothing held open between polls
    return measures


def settled(measures):
    """Nothing left that the stack would still do by itself."""
    return (
        measures.items_lost == 0
        and measures.deliveries_pending == 0
        and all(n >= 1 for n in measures.received_per_bulletin.values())
        and measures.emails_lost == 0
    )


def problems(measures, user_errors):
    """What is wrong at the end, in words; empty when the drill passed."""
    found = []
    weeks = measures.bulletins_per_week
    if not weeks and measures.items_due:
        found.append("no bulletin")
    found += [f"{n} bulletins in {week}" for week, n in weeks.items() if n != 1]
    if measures.items_twice:
        found.append(f"{measures.items_twice} items in two bulletins")
    if measures.items_lost:
        found.append(f"{measures.items_lost} items lost")
    if measures.membership_mismatch:
        found.append(f"membership index off by {measures.membership_mismatch}")
    wrong = [n for n in measures.received_per_bulletin.values() if n != 1]
    if wrong:
        found.append(f"deliveries received {wrong}")
    if measures.bad_signatures:
        found.append(f"{measures.bad_signatures} bad signatures")
    if measures.approvals_unsaved:
        found.append(f"{measures.approvals_unsaved} approvals answered but not saved")
    if measures.emails_lost or measures.emails_twice:
        found.append(f"e-mails: {measures.emails_lost} lost, {measures.emails_twice} twice")
    if user_errors:
        found.append(f"{user_errors} user errors")
    return found
