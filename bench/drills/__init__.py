"""Fault drills (`make drills`): a real local stack is disrupted and what it did is counted.

Each drill runs against a stack of its own (a PostgreSQL database copied from a template, a
redis-server on a free port, a Celery worker and beat, gunicorn, a signature-verifying receiver
for the central e-bulletin and an SMTP sink), disrupts it (feed down, Redis stopped or hung,
worker killed, database connections cut, a zip bomb uploaded) while readers and reviewers use
it, waits for it to settle and then counts, from the database, the bulletins per week, items in
two bulletins, items lost, deliveries received, e-mails lost and the errors users saw.
"""
