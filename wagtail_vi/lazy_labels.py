"""Labels that Wagtail translates once, when its module is imported, made lazy.

`wagtail.contrib.redirects.filters` calls `gettext` at import time: the redirects screen's
"Type / Permanent / Temporary / All" filter stays in whatever language was active when the
module was first imported (English, if an English-speaking administrator's request or a
management command imported it first), whatever the reader's language. Each label here is
replaced by a lazy one with the same msgid, translated when the screen is drawn.
"""

from django.utils.translation import gettext_lazy


def lazy_redirect_filter_labels():
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = gettext_lazy("Type")
    kind.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    kind.extra["empty_label"] = gettext_lazy("All")
