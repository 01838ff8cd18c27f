"""Wagtail's admin API with copying made safe for news items (see cchc_news.news_copies).

The API's copy keeps the copies live unless told otherwise, and its alias is live whenever the
original is: here a copy that holds a news item is made of drafts, and an alias of one is
refused. Registered in place of Wagtail's pages endpoint by the `construct_admin_api` hook.
"""

from django.utils.translation import gettext as _
from wagtail.admin.api.actions.copy import CopyPageAPIAction
from wagtail.admin.api.actions.create_alias import CreatePageAliasAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError

from .news_copies import SUBPAGES_REFUSED, holds_agency_spaces, holds_news


class DraftNewsCopyAPIAction(CopyPageAPIAction):
    def _action_from_data(self, instance, data):
        if data["recursive"] and holds_agency_spaces(instance):
            raise BadRequestError(str(SUBPAGES_REFUSED))
        action = super()._action_from_data(instance, data)
        if holds_news(instance, with_descendants=data["recursive"]):
            action.keep_live = False
        return action


class NoNewsAliasAPIAction(CreatePageAliasAPIAction):
    def execute(self, instance, data):
        if holds_news(instance, with_descendants=data["recursive"]):
            raise BadRequestError(
                _("A news item cannot have an alias: copy it instead; the copy is a draft.")
            )
        return super().execute(instance, data)


class CCHCPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "copy": DraftNewsCopyAPIAction,
        "create_alias": NoNewsAliasAPIAction,
    }


def register_pages_endpoint(router):
    router.register_endpoint("pages", CCHCPagesAdminAPIViewSet)
