"""The review actions and the comment each one asks for.

"Request changes" (send back) must say what to change, and "Approve with comment" must carry
the comment (without one it is a plain "Approve"). Wagtail offers both "Approve" actions under
one name, so the modal could not tell them apart: "Approve with comment" has its own name here
and is performed as Wagtail's "approve". The forms are checked by the task itself
(`checked_action`), not only by the modal, because the editor's footer menu posts the
modal's data as JSON that Wagtail's edit view does not validate again.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from cchc_news.safe_forms import SafeTextMixin

APPROVE_WITH_COMMENT = "approve_with_comment"

REVIEW_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    (APPROVE_WITH_COMMENT, _("Approve with comment"), True),
]

# The name Wagtail's TaskState knows each action by.
PERFORMED_AS = {APPROVE_WITH_COMMENT: "approve"}


class CommentForm(SafeTextMixin, TaskStateCommentForm):
    """Wagtail's comment form, its comment without bidirectional controls (the author reads it
    in e-mails and the item's history)."""


class SendBackForm(CommentForm):
    comment = forms.CharField(
        label=_("What needs changing"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={
            "required": _("Say what needs changing, so that the author knows what to fix.")
        },
    )


class ApproveWithCommentForm(CommentForm):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Write the comment, or choose “Approve” if you have none.")},
    )


FORMS = {"reject": SendBackForm, APPROVE_WITH_COMMENT: ApproveWithCommentForm}


def form_for_action(action_name):
    return FORMS.get(action_name, CommentForm)


def checked_action(action_name, data):
    """(Wagtail's action name, cleaned data) for `action_name` with `data`.

    Raises PermissionDenied if the data do not pass the action's form (no comment where one is
    required): only a request made without the admin's modal gets there.
    """
    form = form_for_action(action_name)(data)
    if not form.is_valid():
        raise PermissionDenied(" ".join(e for errors in form.errors.values() for e in errors))
    return PERFORMED_AS.get(action_name, action_name), form.cleaned_data
