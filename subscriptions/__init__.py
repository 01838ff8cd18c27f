"""Visitors subscribe by e-mail to the weekly bulletin (issue 18, "mail out").

A visitor leaves an address on the bulletin archive or a bulletin (a plain form posting to
this app's own URL, so the pages stay in the public cache); the address gets one confirmation
e-mail with a signed link that expires (double opt-in), within limits per address and per
client address. Each confirmed subscriber then gets every issued bulletin and every
correction of one: a mailing per event, one recipient row per subscriber (unique), written
to the e-mail outbox (cchc_news.outbox) in batches by the worker or the scheduler's tick,
so that a crash resumes where it stopped and nobody gets an issue twice. Every e-mail carries
a one-click unsubscribe (RFC 8058) that needs no login.

actions.py: subscribe, confirm, unsubscribe; mailing.py: the mailings; emails.py: the
messages; limits.py, tokens.py: the rate limits and the signed links; views.py: thin.
The app sits above the bulletin (it imports bulletin and cchc_news; neither imports it).
"""
