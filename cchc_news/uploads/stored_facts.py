"""The facts of a document's file, measured once per file and kept in the database.

Measuring opens the file and, for a .docx, parses it: bounded (uploads.zip_guard) but not free,
and an item's checklist is shown on every render of its editor. So the file is measured when
the document is saved with a new file (the signal handler calls remember_document_facts) and the
checklist reads what was stored (document_facts). A document stored before facts were kept, or
whose file changed since, is measured once on first need. A file lost from the storage is not
stored as a fact: the checklist asks the storage whether the file exists (a stat, not an open).
"""

from dataclasses import asdict

from django.apps import apps

from .file_types import FileFacts, measure_document, missing_file_facts

STORED_FIELDS = ("size", "kind", "pdf_pages", "docx_chars", "unreadable_code", "unreadable_params")


def _facts_model():
    # Looked up, not imported: the models import the checklist, which imports this module.
    return apps.get_model("cchc_news", "DocumentFacts")


def _file_key(document):
    return {"file_name": document.file.name, "file_hash": document.file_hash or ""}


def _stored(document):
    row = _facts_model().objects.filter(document_id=document.pk, **_file_key(document)).first()
    if row is None:
        return None
    return FileFacts(
        True, document.file.name, **{name: getattr(row, name) for name in STORED_FIELDS}
    )


def _store(document, facts):
    values = {name: value for name, value in asdict(facts).items() if name in STORED_FIELDS}
    values["kind"] = values["kind"] or ""
    _facts_model().objects.update_or_create(
        document_id=document.pk, defaults={**_file_key(document), **values}
    )


def remember_document_facts(document) -> FileFacts:
    """The facts of the document's current file: stored ones, or measured now and stored."""
    facts = _stored(document)
    if facts is None:
        facts = measure_document(document)
        if not facts.error:  # a missing file is not a fact of the file
            _store(document, facts)
    return facts


def document_facts(document) -> FileFacts:
    """What the checklist knows of `document` (None: nothing attached), without opening it."""
    if document is None:
        return FileFacts(attached=False)
    if not document.file.storage.exists(document.file.name):
        return missing_file_facts(document.file.name)
    return remember_document_facts(document)
