"""The guide's roles and which one a user has.

cchc_news knows the agencies' groups; the department-wide roles (CCHC office, leadership)
belong to the review (workflows), which answers through the `cchc_guide_role` hook: a function
taking a user and returning a role's slug or None. A user with no known role gets the editor's
guide, the one most people need.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ..models import Agency

EDITOR, HEAD, OFFICE, LEADERSHIP = "editor", "head", "office", "leadership"
ROLES = {
    EDITOR: _("Agency editor"),
    HEAD: _("Agency head"),
    OFFICE: _("CCHC office"),
    LEADERSHIP: _("Department leadership"),
}
ROLE_HOOK = "cchc_guide_role"


def role_of(user):
    for answer in hooks.get_hooks(ROLE_HOOK):
        role = answer(user)
        if role in ROLES:
            return role
    if Agency.for_user(user).filter(heads_group__in=user.groups.all()).exists():
        return HEAD
    return EDITOR
