"""The drills: each sets up its scenario on a running stack, disrupts it and says what it did.

Every drill has the same background: readers on the public pages all along, agency heads
approving items through the admin (each approval must e-mail the CCHC office), and a past
week's items made due, which the scheduler's tick (every 2 s) assembles into that week's
bulletin and delivers to the receiver. The drills differ in what goes wrong, and when.
"""

import io
import threading
import time
import zipfile
from dataclasses import dataclass

from .load import Readers, Reviewers, Tally, public_paths
from .stack import wait_for

WAITING_ON_A_LOCK = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
)


class Run:
    """One drill's handle on its stack: the users, the data it made due, what it did."""

    def __init__(self, stack, manifest, short, items):
        self.stack, self.manifest, self.short, self.items = stack, manifest, short, items
        self.tally = Tally()
        readers = 2 if short else 4
        self.readers = Readers(stack.base_url, public_paths(manifest), self.tally, readers)
        self.reviewers = Reviewers(stack.base_url, manifest, self.tally)
        self.due_items = []
        self.db = stack.connect()
        self.db.autocommit = True

    def pick(self, full, short):
        return short if self.short else full

    def sql(self, statement, params=None):
        with self.db.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    def make_due(self):
        """Move the drill's live items to 8 days ago: the next tick assembles their week."""
        self.due_items = self.manifest["items"][: self.items]
        self.sql(
            "UPDATE wagtailcore_page SET first_published_at = now() - interval '8 days',"
            " last_published_at = now() - interval '8 days' WHERE id = ANY(%s)",
            [self.due_items],
        )

    def bulletin_live(self):
        return bool(self.sql(
            "SELECT 1 FROM bulletin_bulletinpage b JOIN wagtailcore_page p"
            " ON p.id = b.page_ptr_id WHERE p.live"
        ))  # fmt: skip

    def central_attempts(self):
        rows = self.sql("SELECT coalesce(sum(attempt_count), 0) FROM bulletin_feeddelivery")
        return int(rows[0][0])

    def close(self):
        self.db.close()


class AssemblyHold:
    """Holds the assembly half way: a lock on the membership table, which the assembly writes
    only after it has created the bulletin's page and revision (in its one transaction)."""

    def __init__(self, run):
        self.run = run
        self.connection = run.stack.connect()
        with self.connection.cursor() as cursor:
            cursor.execute("LOCK TABLE bulletin_bulletinmembership IN EXCLUSIVE MODE")

    def wait_until_held(self, timeout=60):
        if not wait_for(lambda: self.run.sql(WAITING_ON_A_LOCK), timeout):
            raise RuntimeError("the assembly never reached the membership table")

    def release(self):
        self.connection.rollback()
        self.connection.close()


@dataclass
class Drill:
    name: str
    items: tuple  # due items (full, short)
    run: object  # function(Run) -> what was done, in words
    errors_expected: str = ""  # why some user errors cannot be avoided, if so


def feed_down(run):
    run.readers.start()
    run.stack.receiver.down()
    run.make_due()
    run.reviewers.approve(2)
    started = time.monotonic()
    wait_for(lambda: run.central_attempts() >= 2, 60)
    attempts = run.central_attempts()
    time.sleep(run.pick(10, 2))
    run.stack.receiver.up()
    down = time.monotonic() - started
    return f"receiver down (refusing) {down:.0f} s, {attempts} failed attempts; then back"


def redis_stop_approval(run):
    run.readers.start()
    run.make_due()
    run.stack.redis.stop()
    actions = run.reviewers.approve(3)
    time.sleep(run.pick(5, 2))
    run.stack.restart_redis()
    slowest = max(action.seconds for action in actions)
    return f"Redis stopped; 3 approvals (slowest {slowest:.1f} s); Redis restarted"


def redis_stop_assembly(run):
    run.readers.start()
    run.reviewers.approve(1)
    hold = AssemblyHold(run)
    run.make_due()
    hold.wait_until_held()
    run.stack.redis.stop()
    hold.release()
    wait_for(run.bulletin_live, 30)
    time.sleep(run.pick(5, 2))
    run.stack.restart_redis()
    run.reviewers.approve(1)
    return "Redis stopped mid-assembly (held at the membership write), restarted"


def redis_hang_approval(run):
    run.readers.start()
    run.make_due()
    wait_for(run.bulletin_live, 60)
    run.stack.redis.pause()
    started = time.monotonic()
    thread = run.reviewers.approve_in_background(1)
    time.sleep(run.pick(35, 12))  # longer than gunicorn's 30 s worker timeout, in full
    hung = time.monotonic() - started
    run.stack.redis.resume()
    thread.join()
    (_review, action), *_ = run.reviewers.done
    return (
        f"Redis SIGSTOP {hung:.0f} s during an approval (it answered {action.outcome} "
        f"after {action.seconds:.1f} s); SIGCONT"
    )


def worker_kill(run):
    run.readers.start()
    run.reviewers.approve(2)
    hold = AssemblyHold(run)
    run.make_due()
    hold.wait_until_held()
    worker = run.stack.workers[-1]
    worker.kill()
    hold.release()
    sessions_gone = wait_for(lambda: not run.sql(WAITING_ON_A_LOCK), 30)
    run.stack.start_worker()
    note = "" if sessions_gone else " (its sessions still open after 30 s)"
    return f"worker SIGKILL (process group) mid-assembly of {run.items} items; new worker{note}"


def pg_terminate(run):
    run.readers.start()
    run.make_due()
    terminated = 0
    approving = run.reviewers.approve_in_background(3)
    for _ in range(run.pick(8, 3)):
        rows = run.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        terminated += len(rows)
        time.sleep(1)
    approving.join()
    return f"{terminated} connections terminated over {run.pick(8, 3)} s under load"


def zip_bomb_docx(unpacked_mb=38):
    """A .docx whose document.xml unpacks to about `unpacked_mb` MB (under a 50 MB total guard)."""
    from docx import Document

    base = io.BytesIO()
    Document().save(base)
    paragraph = "<w:p><w:r><w:t>Cải cách hành chính</w:t></w:r></w:p>".encode()
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    head += b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body = paragraph * (unpacked_mb * 1024 * 1024 // len(paragraph))
    xml = head + b"<w:body>" + body + b"</w:body></w:document>"
    bomb = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            data = xml if entry.filename == "word/document.xml" else source.read(entry)
            out.writestr(entry.filename, data, compresslevel=9)
    return bomb.getvalue()


def zip_bomb(run):
    from .load import AdminUser

    run.readers.start()
    run.make_due()
    editor = AdminUser(run.stack.base_url, run.manifest["editor"], run.manifest["password"],
                       run.tally)  # fmt: skip
    data = zip_bomb_docx()
    path = f"/admin/cchc-news/word-import/{run.manifest['import_index']}/"
    result = {}

    def upload():
        files = {"file": ("tin-bai.docx", data, "application/octet-stream")}
        result["answer"] = editor.post(path, files=files, timeout=60)

    uploading = threading.Thread(target=upload, daemon=True)
    uploading.start()
    run.reviewers.approve(2)
    uploading.join()
    outcome, _response, seconds = result["answer"]
    size = len(data) // 1024
    return f"{size} KB .docx (38 MB unpacked) uploaded under load: {outcome} after {seconds:.1f} s"


DRILLS = [
    Drill("feed_down", (300, 50), feed_down),
    Drill("redis_stop_approval", (300, 50), redis_stop_approval),
    Drill("redis_stop_assembly", (500, 100), redis_stop_assembly),
    Drill("redis_hang_approval", (300, 50), redis_hang_approval),
    Drill("worker_kill", (2000, 200), worker_kill),
    Drill(
        "pg_terminate",
        (300, 50),
        pg_terminate,
        errors_expected="a request whose connection is cut while it runs answers 500",
    ),
    Drill("zip_bomb", (300, 50), zip_bomb),
]
