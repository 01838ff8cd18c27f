"""The Department's identity: the site setting that the public header and footer, the admin's
branding and the pages' sharing tags read (Settings → "Department's identity").

A state agency's portal names its governing body, its own name, address, telephone and e-mail,
the person responsible for the content and its licence line in every page's footer (Nghị định
42/2022/NĐ-CP, Điều 8: the information a state agency's portal must publish about itself).
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class DepartmentIdentity(BaseSiteSetting):
    province_name = models.CharField(
        _("province"),
        max_length=100,
        blank=True,
        help_text=_("With its kind, as written after the Department's name: “tỉnh Lâm Đồng”."),
    )
    department_name = models.CharField(
        _("name of the Department"),
        max_length=150,
        blank=True,
        help_text=_("Without the province: “Sở Nội vụ”."),
    )
    governing_body = models.CharField(
        _("governing body"),
        max_length=150,
        blank=True,
        help_text=_(
            "The line above the Department's name; empty: the province's People's Committee."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Square, shown in the header, the admin and the browser tab; "
            "empty: the emblem shipped with the portal."
        ),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible_name = models.CharField(
        _("person responsible for the content"), max_length=100, blank=True
    )
    responsible_title = models.CharField(
        _("their position"), max_length=150, blank=True, help_text=_("“Giám đốc Sở”.")
    )
    licence = models.CharField(
        _("licence line"),
        max_length=255,
        blank=True,
        help_text=_("The licence or registration of the portal, as it must be shown."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    zalo_url = models.URLField(_("Zalo official account"), blank=True)

    select_related = ["logo"]  # the header shows it on every page: one query, not two

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("province_name"),
                FieldPanel("department_name"),
                FieldPanel("governing_body"),
                FieldPanel("logo"),
            ],
            heading=_("Name and emblem"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_name"),
                FieldPanel("responsible_title"),
                FieldPanel("licence"),
            ],
            heading=_("Responsibility for the content"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("zalo_url")],
            heading=_("Pages on social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("Department's identity")
        verbose_name_plural = _("Department's identity")

    @classmethod
    def base_queryset(cls):
        # The logo's renditions (header, favicon, sharing) in one query, not one each.
        return super().base_queryset().prefetch_related("logo__renditions")

    @property
    def short_name(self):
        """The Department's name alone: “Sở Nội vụ”."""
        return self.department_name or gettext("Department of Home Affairs")

    @property
    def full_name(self):
        """The Department's name with its province: “Sở Nội vụ tỉnh Lâm Đồng”."""
        return f"{self.short_name} {self.province_name}".strip()

    @property
    def portal_title(self):
        """“Trang thông tin điện tử Sở Nội vụ tỉnh Lâm Đồng”: the home page's heading."""
        return gettext("Web portal of the %(department)s") % {"department": self.full_name}

    @property
    def governing_body_line(self):
        """“Ủy ban nhân dân tỉnh Lâm Đồng” unless the office wrote another line."""
        if self.governing_body:
            return self.governing_body
        if self.province_name:
            return gettext("People's Committee of %(province)s") % {"province": self.province_name}
        return gettext("People's Committee of the Province")
