from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

# Wagtail's own catalogue view reads only wagtail.admin's djangojs catalogue (for the Draftail
# editor, comments, the sidebar...). Ours merges wagtail_vi's after it, so that ours wins.
js_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "wagtail_vi"])


def localized_js_catalog(request, *args, **kwargs):
    """The admin's JavaScript catalogue in the user's preferred language, as Wagtail's."""
    return get_localized_response(js_catalog, request, *args, **kwargs)
