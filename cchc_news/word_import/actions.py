"""Creating a draft news item from a Word file, or replacing a draft's content with one.

The file is read first (``cchc_news.word_import.reader``), so a file that cannot be read creates
nothing; then the pictures, the original file and the page revision are saved in one
transaction, in the agency's collection, and the import is written to the item's history.
"""

import io
import os
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, PageSubscription

from ..models import NewsIndexPage, NewsItemPage
from ..review_state import is_in_review
from ..slugs import unique_child_slug, vietnamese_slugify
from .reader import read_word_file

WORD_IMPORT_ACTION = "cchc_news.word_import.reader"


@dataclass(frozen=True)
class ImportResult:
    page: NewsItemPage
    content: object  # the WordContent that was imported
    document: object
    image_count: int
    file_name: str  # as on the editor's computer; the storage may rename the stored file

    @property
    def warnings(self):
        return self.content.warnings


def can_import_into(index, user) -> bool:
    """Whether `user` may create a news item under this agency index."""
    return (
        isinstance(index, NewsIndexPage)
        and NewsItemPage.can_create_at(index)
        and index.permissions_for_user(user).can_add_subpage()
    )


def replace_refusal(page, user) -> str | None:
    """Why `user` may not replace this item's content from Word, or None if they may."""
    if not page.permissions_for_user(user).can_edit():
        return gettext("You may not edit this news item.")
    if page.live:
        return gettext(
            "This news item is published: only a draft can be replaced from a Word file. "
            "Edit the published item instead."
        )
    if is_in_review(page):
        return gettext(
            "This news item is awaiting review: it can be replaced from a Word file only "
            "after it is sent back for changes."
        )
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return gettext("This news item is locked; it cannot be replaced now.")
    return None


def _collection(index):
    return index.agency.collection or Collection.get_first_root_node()


def _save_document(uploaded, title, collection, user):
    uploaded.seek(0)
    document = get_document_model()(
        title=title, file=uploaded, collection=collection, uploaded_by_user=user
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _save_images(content, collection, user):
    """Saves each picture as a Wagtail image; returns {picture index: image id}."""
    image_model = get_image_model()
    base = vietnamese_slugify(content.title, max_length=40) or "tin"
    ids = {}
    for index, picture in enumerate(content.images):
        title = picture.alt or gettext("%(title)s – picture %(number)s") % {
            "title": content.title,
            "number": picture.number,
        }
        image = image_model(
            title=title[:255],
            file=ImageFile(io.BytesIO(picture.data), name=f"{base}-{picture.name}"),
            collection=collection,
            uploaded_by_user=user,
        )
        image._set_image_file_metadata()
        image.save()
        ids[index] = image.pk
    return ids


def _fill(page, content, uploaded, collection, user):
    document = _save_document(uploaded, content.title, collection, user)
    image_ids = _save_images(content, collection, user)
    page.title = content.title
    page.summary = content.summary
    page.body = content.body_html(image_ids)
    page.original_file = document
    return document, len(image_ids)


def _file_name(uploaded):
    return os.path.basename(uploaded.name)


def _log_import(page, revision, user, uploaded, document, replaced):
    log(
        page,
        WORD_IMPORT_ACTION,
        user=user,
        revision=revision,
        content_changed=True,
        data={
            "file": _file_name(uploaded),
            "document_id": document.pk,
            "replaced": replaced,
        },
    )


def create_item_from_word(index, user, uploaded) -> ImportResult:
    """A new draft under `index` filled from the uploaded .docx (never published).

    Raises WordImportError, and creates nothing, if the file cannot be read.
    """
    content = read_word_file(uploaded, uploaded.name)
    with transaction.atomic():
        page = NewsItemPage(owner=user, live=False)
        document, image_count = _fill(page, content, uploaded, _collection(index), user)
        page.slug = unique_child_slug(index, content.title)
        index.add_child(instance=page)  # logs wagtail.create
        # As Wagtail's create view: the author hears of comments on the page they created.
        PageSubscription.objects.create(page=page, user=user, comment_notifications=True)
        revision = page.save_revision(user=user, clean=False)
        _log_import(page, revision, user, uploaded, document, replaced=False)
    return ImportResult(page, content, document, image_count, _file_name(uploaded))


def replace_item_from_word(page, user, uploaded) -> ImportResult:
    """A new revision of the draft `page` whose title, summary and body come from the .docx.

    The previous content stays in the item's history. Raises WordImportError if the file
    cannot be read, and PermissionDenied if the item may not be replaced (see replace_refusal).
    """
    refusal = replace_refusal(page, user)
    if refusal:
        raise PermissionDenied(refusal)
    content = read_word_file(uploaded, uploaded.name)
    with transaction.atomic():
        draft = page.get_latest_revision_as_object()
        index = page.get_parent().specific
        document, image_count = _fill(draft, content, uploaded, _collection(index), user)
        draft.save()  # as Wagtail's editor does for an unpublished page
        revision = draft.save_revision(user=user, clean=False)
        _log_import(draft, revision, user, uploaded, document, replaced=True)
    return ImportResult(draft, content, document, image_count, _file_name(uploaded))
