"""A new item keeps one page however many times its create form reaches the server.

Wagtail's autosave posts the create form in the background; the first post creates the page
(its address, the slug, is then taken) and the browser points the form at the page's edit view.
A save pressed while that autosave was under way — or any post the browser had already sent —
still reaches the create view, with the same slug: Wagtail would refuse it ("slug already in
use") against the item's own draft, on the Promote tab the editor is not looking at.

Each create form carries a random key (``NewsItemPageForm.form_key``). The page a form created
is remembered in the editor's session under that key, written in the same transaction as the
page; a later post of the same form continues as an edit of that page (Wagtail's own edit view,
so its checks and its autosave conflict detection apply). Posts of one form under one agency
index are serialised by a row lock on the index, so a save that raced the autosave waits for it
and then finds the page. Another editor's form, or another tab, has another key: a real clash
with an existing item is still refused.
"""

import uuid

from django.db import transaction
from wagtail.models import Page

FORM_KEY = "form_key"
SESSION_KEY = "cchc_pages_created_by_form"
REMEMBERED = 20  # the session keeps the keys of the last few forms only


def new_form_key():
    return uuid.uuid4().hex


def posted_key(request):
    key = request.POST.get(FORM_KEY, "")
    return key if len(key) == 32 and key.isalnum() else ""


def remember_created_page(request, page):
    """Called when a create form made `page`: later posts of the same form edit it."""
    key = posted_key(request)
    if not key or request.session.session_key is None:
        return
    created = dict(request.session.get(SESSION_KEY, {}))
    created.pop(key, None)
    created[key] = page.pk
    request.session[SESSION_KEY] = dict(list(created.items())[-REMEMBERED:])
    # Saved now, inside the request's transaction: it commits with the page, so a post that
    # waited for the lock below reads it.
    request.session.save()


def page_created_by_form(request, parent, model):
    """The `model` page under `parent` that an earlier post of this create form made, or None."""
    key = posted_key(request)
    if not key or request.session.session_key is None:
        return None
    if transaction.get_connection().in_atomic_block:
        # Wait for a concurrent post of the same form (the autosave) to commit.
        list(Page.objects.select_for_update().filter(pk=parent.pk).values_list("pk"))
    # This request's session was read before the lock: read the store again.
    stored = type(request.session)(request.session.session_key)
    page_id = stored.get(SESSION_KEY, {}).get(key)
    if page_id is None:
        return None
    return model.objects.child_of(parent).filter(pk=page_id).first()


def as_edit_of(data, page, skip=("comments",)):
    """The create form's posted data, made to describe `page`'s draft as the edit form would.

    A create form posts every inline child (official documents referred to...) as new; the
    draft that its autosave made already has them. Posted to the edit view as they stand, they
    would be added a second time: the draft's own children go first as deleted forms, so the
    post leaves exactly what the form shows. Wagtail's comments are left alone. Returns `data`
    itself when nothing had to change.
    """
    rewritten = data
    draft = page.get_latest_revision_as_object()
    prefixes = [key[: -len("-INITIAL_FORMS")] for key in data if key.endswith("-INITIAL_FORMS")]
    for prefix in prefixes:
        if "-" in prefix or prefix in skip or data.get(f"{prefix}-INITIAL_FORMS") != "0":
            continue
        manager = getattr(draft, prefix, None)
        existing = [child.pk for child in manager.all()] if manager is not None else []
        if existing:
            rewritten = _prepend_deleted_forms(rewritten, prefix, existing)
    return rewritten


def _prepend_deleted_forms(data, prefix, ids):
    shift = len(ids)
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    moved = data.__class__(mutable=True)
    for key, values in data.lists():
        head, _, rest = key.partition("-")
        index, _, field = rest.partition("-")
        if head == prefix and index.isdigit() and field:
            key = f"{prefix}-{int(index) + shift}-{field}"
        moved.setlist(key, values)
    for index, pk in enumerate(ids):
        moved[f"{prefix}-{index}-id"] = str(pk)
        moved[f"{prefix}-{index}-DELETE"] = "1"
    moved[f"{prefix}-INITIAL_FORMS"] = str(shift)
    moved[f"{prefix}-TOTAL_FORMS"] = str(total + shift)
    return moved
