"""When each scheduled job last ran and how it went: the cycle's health, for the office."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One row per scheduled job (the tick, the assembly, deliveries, reminders, ...)."""

    name = models.CharField(_("job"), max_length=64, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_result = models.TextField(_("last result"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")

    def __str__(self):
        return self.name
