from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """An editable page of the portal: Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Kontakt."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    # Optional English version (issue 13 §4): shown on /en/ when given, else the German text marked lang="de".
    title_en = models.CharField(_("English title"), max_length=200, blank=True,
                                help_text=_("Optional. Without it the English page shows the German title."))
    body_en = models.TextField(_("English text"), blank=True,
                               help_text=_("Optional, Markdown. Without it the English page shows the German text."))
    body_en_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})


class StaffMessage(models.Model):
    """A message to the editorial team from the public: a reported barrier or a contact request."""

    class Kind(models.TextChoices):
        BARRIER = "barrier", _("Reported barrier")
        CONTACT = "contact", _("Contact request")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    page_url = models.CharField(
        _("page concerned"), max_length=500, blank=True, help_text=_("Where the barrier was found.")
    )
    message = models.TextField(_("message"), max_length=5000, validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to the editorial team")
        verbose_name_plural = _("messages to the editorial team")
        ordering = ["handled", "-created_at", "-id"]

    def __str__(self):
        if self.created_at is None:
            return str(self.get_kind_display())
        return f"{self.get_kind_display()}, {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"
