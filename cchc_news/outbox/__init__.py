"""The e-mail outbox: every e-mail the portal sends is written to the database first.

- `storage.defer(builder, **arguments)`, in the action's transaction: a notice whose e-mails
  `builder(**arguments)` writes after the commit (the review's notifications), or
  `storage.write(messages)`: ready messages (OutboxEmailBackend, for Django's and Wagtail's own);
- after the commit, one task per transaction (`cchc_news.send_outbox`) writes and sends what is
  due; in the embedded set-up (CELERY_TASK_ALWAYS_EAGER) this happens in-process; with the broker
  down, the scheduler's tick does it (`sending.flush`, the job "outbox");
- each e-mail is claimed under a row lock (skip_locked: two senders never take the same row)
  and marked sent in the transaction that sent it; an SMTP failure is kept (attempts, error) and
  tried again after a back-off (CCHC_OUTBOX_RETRY_SCHEDULE), then marked failed
  (CCHC_OUTBOX_MAX_ATTEMPTS), which the admin's list of outgoing e-mails shows.
"""
