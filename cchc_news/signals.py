from django.dispatch import Signal

#: Sent by `setup_cchc` once the section page and the agencies are in place, with
#: `section` (the CCHCSectionPage). Apps that build on cchc_news (workflows, bulletin)
#: receive it to set up their own parts idempotently; each receiver returns a list of
#: human-readable changes, empty when nothing changed.
section_ready = Signal()

#: Sent when the section home is rendered, with `section` and `request`. Apps built on
#: cchc_news add what they show there (the bulletin app: the latest bulletin); each
#: receiver returns a dict of template context, in a constant number of queries.
section_home_context = Signal()
