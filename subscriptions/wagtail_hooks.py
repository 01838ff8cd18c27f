from wagtail import hooks

from .viewsets import MailingViewSet


@hooks.register("register_admin_viewset")
def register_mailing_viewset():
    return MailingViewSet()
