from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    """Monitor (issue 11): the region's representative population survey. Waves are imported in the
    exchange format (docs/monitor.md), weighted by bounded raking (weighting.py, a pure module) and
    their estimates stored, so that results pages never compute over respondents."""

    name = "revier.monitor"
    label = "monitor"
    verbose_name = _("Monitor")
