"""The demonstration data of `make run` (agencies, people, news items, their reviews and
bulletins): part of the host project, not of the plugin; `manage.py seed_demo` loads it."""
