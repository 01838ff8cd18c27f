"""The permission to read the participation report.

Django permissions belong to a model, and the report has none of its own (it reads the other
apps' records): ParticipationReport has no table (managed = False) and holds only that
permission. Access then follows the permission, granted to groups in Settings → Groups (and by
setup_cchc to the CCHC office and the Department's leadership), not a group's name, which an
administrator may change or which may read differently in another language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

VIEW_REPORT = "view_participation_report"


class ParticipationReport(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [(VIEW_REPORT, "Can view participation report")]
        verbose_name = _("participation report")
        verbose_name_plural = _("participation reports")
