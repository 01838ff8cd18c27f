"""Health of the portal for operators and the CCHC office.

/healthz says the process answers (no dependency); /readyz and the dashboard's "System status"
run the readiness checks (checks.py: database, cache, broker, worker, the scheduler's
heartbeat, the weekly assembly) through django-health-check. beat.py is the Celery beat
scheduler that records the heartbeat.
"""
