from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.models import Topic
from revier.core.validators import validate_link_target
from revier.news.addresses import article_url


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Part of the address of the article. Filled in from the title if left empty."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date and time"),
        null=True,
        blank=True,
        help_text=_("A published article with a time in the future is scheduled: it appears at that time."),
    )
    teaser = models.TextField(_("teaser"), max_length=600, help_text=_("One or two sentences for lists and feeds."))
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, ## heading, - list, [link](https://…)."))
    body_html = models.TextField(editable=False, default="")
    # Optional English version (issue 13 §4): shown on /en/ where given, else the German one marked lang="de".
    title_en = models.CharField(_("English title"), max_length=200, blank=True,
                                help_text=_("Optional. Without it the English page shows the German title."))
    teaser_en = models.TextField(_("English teaser"), max_length=600, blank=True,
                                 help_text=_("Optional. Without it the English page shows the German teaser."))
    body_en = models.TextField(_("English text"), blank=True,
                               help_text=_("Optional, Markdown. Without it the English page shows the German text."))
    body_en_html = models.TextField(editable=False, default="")
    image = models.ImageField(
        _("image"), upload_to="news/%Y/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alternative text"), max_length=300, blank=True, help_text=_("Describes the image for people who cannot see it.")
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="articles")
    is_generated = models.BooleanField(
        _("generated demo content"), default=False, help_text=_("Set for generated example articles of the demo.")
    )
    # Derived on every save by news.services.article_save: the plain text for PostgreSQL's full-text
    # search and the German word stems for the SQLite fallback.
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="news_article_listing")]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="news_article_image_needs_alt",
                violation_error_message=_("Please describe the image in an alternative text."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_article_published_has_date",
                violation_error_message=_("A published article needs a publication date and time."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if not self.slug:
            return reverse("news:detail", kwargs={"slug": self.slug})  # NoReverseMatch, as before
        return article_url(self.slug)

    def clean(self):
        # Field-level messages for the admin form, before the constraints' own check.
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Please describe the image in an alternative text.")
        if self.image and not self.image_credit.strip():
            errors["image_credit"] = _("Please name the source of the image (image credit).")
        if errors:
            raise ValidationError(errors)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def state(self) -> str:
        """Draft, scheduled or published: scheduled is a published article whose time has not come."""
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.published_at and self.published_at > timezone.now():
            return "scheduled"
        return "published"

    @property
    def state_label(self):
        return {"draft": _("Draft"), "scheduled": _("Scheduled"), "published": _("Published")}[self.state]


class ArticleLink(models.Model):
    """A related link under an article, e.g. “Weitere Informationen” or “Programm und Anmeldung”."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("link text"), max_length=120)
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        validators=[validate_link_target],
        help_text=_("A full address (https://…) or a path on this site (/…). May stay empty when an event is chosen."))
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_links",
        verbose_name=_("event"),
        help_text=_("Links to the event's page (“Programm und Anmeldung”)."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        ordering = ["position", "id"]

    def __str__(self):
        return self.label

    def clean(self):
        if not self.url.strip() and self.event_id is None:
            raise ValidationError({"url": _("Please enter an address or choose an event.")})

    @property
    def href(self) -> str:
        """The event's page when an event is chosen (its address follows the event), else the address."""
        if self.event_id is not None and self.event is not None:
            return self.event.get_absolute_url()
        return self.url
