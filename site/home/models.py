from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cchc_news.models import CCHCSectionPage, NewsItemPage
from cchc_news.models.routing import OneQueryChildRoutingMixin
from cchc_news.query_parameters import DeclaresQueryMixin
from cchc_news.safe_forms import SafeTextPageForm


class HomePage(DeclaresQueryMixin, OneQueryChildRoutingMixin, Page):
    """The host portal's home: plain, it leads to the CCHC section."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = SafeTextPageForm  # titles and text without bidirectional controls

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        section = CCHCSectionPage.objects.live().first()
        context["section"] = section
        context["latest_items"] = (
            NewsItemPage.objects.descendant_of(section).for_listing()[:5] if section else []
        )
        return context
