from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """An editable page of the portal: Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Kontakt."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})
