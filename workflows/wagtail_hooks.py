"""The reviewer's side of the admin: the waiting list on the dashboard and the review screen."""

from wagtail import hooks

from .waiting import replace_wagtail_review_panel

hooks.register("construct_homepage_panels", replace_wagtail_review_panel)


@hooks.register("register_admin_urls")
def register_review_urls():
    from .review_screen import urlpatterns

    return urlpatterns
