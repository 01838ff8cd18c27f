from wagtail import hooks

from .viewsets import CCHCViewSetGroup


@hooks.register("register_admin_viewset")
def register_cchc_viewsets():
    return CCHCViewSetGroup()
