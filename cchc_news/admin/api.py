"""Wagtail's admin API (/admin/api/main/pages/), closed to the ways around the review.

Its actions act on pages directly, with none of the admin views' hooks: its copy keeps the
copies live unless told otherwise, its alias is live whenever the original is, its publish
needs no reason and its unpublish no withdrawal notice. Here a copy that holds a news item is
made of drafts (admin.news_copies), and an alias, a publication or an unpublication of news
items is refused with the way to do it in the admin. Registered in place of Wagtail's pages
endpoint by the `construct_admin_api` hook.
"""

from django.utils.translation import gettext as _
from wagtail.admin.api.actions.copy import CopyPageAPIAction
from wagtail.admin.api.actions.create_alias import CreatePageAliasAPIAction
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.actions.unpublish import UnpublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError

from ..withdrawal.actions import is_news_item, takes_news_down
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


class NoNewsPublicationAPIAction(PublishPageAPIAction):
    def execute(self, instance, data):
        if is_news_item(instance):
            raise BadRequestError(
                _(
                    "A news item is published through review, or from its editor with a "
                    "reason; not through the API."
                )
            )
        return super().execute(instance, data)


class NoNewsUnpublicationAPIAction(UnpublishPageAPIAction):
    def execute(self, instance, data):
        if takes_news_down([instance], include_descendants=data["recursive"]):
            raise BadRequestError(
                _(
                    "A news item is withdrawn with a reason (“Withdraw” in its menu); "
                    "not through the API."
                )
            )
        return super().execute(instance, data)


class CCHCPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "copy": DraftNewsCopyAPIAction,
        "create_alias": NoNewsAliasAPIAction,
        "publish": NoNewsPublicationAPIAction,
        "unpublish": NoNewsUnpublicationAPIAction,
    }


def register_pages_endpoint(router):
    router.register_endpoint("pages", CCHCPagesAdminAPIViewSet)
