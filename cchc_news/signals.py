from django.dispatch import Signal

#: Sent by `setup_cchc` once the section page and the agencies are in place, with
#: `section` (the CCHCSectionPage). Apps that build on cchc_news (workflows, bulletin)
#: receive it to set up their own parts idempotently; each receiver returns a list of
#: human-readable changes, empty when nothing changed.
section_ready = Signal()
