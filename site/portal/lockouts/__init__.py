"""Password guessing at the admin's login, on top of django-axes (a choice of the host project).

Axes counts failed logins per account and address (AccessAttempt rows) and refuses a login
while the count reaches AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME. This package adds what the
portal needs around it: a second, looser limit per address alone and the client's address behind
the proxy (handler), the lock-out shown on Wagtail's login page in the user's language
(response), a log line per failed login (log), and the superuser's list of current lock-outs
with a button to lift each (current, views, ../wagtail_hooks.py).
"""
