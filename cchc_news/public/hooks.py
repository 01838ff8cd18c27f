"""Wagtail hooks of the public side."""

from wagtail import hooks

from .document_access import hide_unpublished_document

# Visitors download only the files of live, public pages (see cchc_news.public.document_access).
hooks.register("before_serve_document", hide_unpublished_document)
