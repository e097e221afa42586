from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    """Monitor (issue 11): the region's representative population survey. Waves are imported in the
    exchange format (docs/monitor.md), weighted by bounded raking (weighting.py, a pure module) and
    their estimates stored, so that results pages never compute over respondents."""

    name = "revier.monitor"
    label = "monitor"
    verbose_name = _("Monitor")

    def ready(self):
        from revier.core.embeds import register_embed
        from revier.core.fragments import register_content_models
        from revier.monitor import models
        from revier.monitor.embeds import embed_html

        # What the public pages show. Estimates and respondents are written in bulk with their wave
        # (whose save starts the new content generation) and are not watched row by row.
        register_content_models(models.Survey, models.Region, models.Question, models.Wave)
        # A news article shows a question's result for the line [monitor:SURVEY/QUESTION] (core.embeds).
        register_embed("monitor", embed_html)

        from revier.core.slots import register_slot_template

        # The organiser area's start page links the Monitor's staff area (for those who may use it).
        register_slot_template("manage-areas", "monitor/manage/includes/manage_area_link.html")

        from revier.core.site_search import register_search_provider
        from revier.monitor.site_search import question_search

        # What the portal's search (core.site_search) finds of this app.
        register_search_provider(question_search)
