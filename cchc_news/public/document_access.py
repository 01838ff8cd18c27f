"""Who may download a document: visitors only the files that a live, public page uses.

An agency's original file is uploaded with the draft of its item, long before the item is
approved; Wagtail would serve it to anyone who guesses /documents/<id>/<name>. Here a
visitor gets it only while at least one live page outside any private section uses it,
as a field (NewsItemPage.original_file) or a link in its rich text. Wagtail's reference
index records those uses from each page's own row, which holds the live content (drafts
stay in revisions), and keeps them up to date as pages are saved.

Anyone else gets a 404, so that a draft's files cannot even be shown to exist. Users who
may choose or change the document in the admin can always download it, and Wagtail's own
collection privacy check still runs after this one.
"""

import posixpath

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy
from wagtail.models import Page, ReferenceIndex

from .document_scope import is_governed


def pages_using(document):
    """Ids of the pages whose current row references `document`."""
    object_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return {int(object_id) for object_id in object_ids}


def is_public(document):
    """Used by at least one live page outside any private section (three queries)."""
    page_ids = pages_using(document)
    return bool(page_ids) and Page.objects.filter(pk__in=page_ids).live().public().exists()


def may_manage(user, document):
    return permission_policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    )


def may_download(user, document):
    return may_manage(user, document) or is_public(document)


def hide_unpublished_document(document, request):
    """The before_serve_document hook (registered in wagtail_hooks), for the documents that
    cchc_news.public.document_scope says the rule governs."""
    if is_governed(document) and not may_download(request.user, document):
        raise Http404


def serve_media_except_documents(request, path, document_root=None):
    """MEDIA_ROOT in DEBUG (images, renditions) without the documents' folder, whose files
    are only ever served through Wagtail's view and the check above."""
    folder = get_document_model()._meta.get_field("file").upload_to
    if posixpath.normpath(path).lstrip("/").split("/")[0] == folder:
        raise Http404
    return serve(request, path, document_root=document_root)
