"""Wagtail admin hooks of the review workflow (one module per concern, imported here)."""

from . import review_hooks  # noqa: F401
