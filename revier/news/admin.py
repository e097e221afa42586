from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from revier.core.admin_mixins import DeleteEachAdmin, LabelledTabularInline
from revier.news import services
from revier.news.models import Article, ArticleLink


class ArticleLinkInline(LabelledTabularInline):
    model = ArticleLink
    extra = 1
    fields = ["label", "url", "event", "position"]
    autocomplete_fields = ["event"]


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("scheduled", _("Scheduled")), ("published", _("Published"))]

    def queryset(self, request, queryset):
        from django.utils import timezone

        now = timezone.now()
        if self.value() == "draft":
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        if self.value() == "published":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        return queryset


@admin.register(Article)
class ArticleAdmin(DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["title", "state_display", "published_at", "is_generated", "preview_link"]
    list_filter = [StateFilter, "topics", "is_generated"]
    search_fields = ["title", "teaser"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    inlines = [ArticleLinkInline]
    readonly_fields = ["preview_link", "state_display", "created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body", "topics"]}),
        (_("English (optional)"), {"fields": ["title_en", "teaser_en", "body_en"]}),
        (_("Publication"), {"fields": ["status", "published_at", "state_display", "preview_link"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        (_("Other"), {"fields": ["is_generated", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("state"))
    def state_display(self, obj):
        return obj.state_label if obj.pk else "–"

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return _("Save the article to see a preview.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', reverse("news:preview", args=[obj.pk]), _("Show preview")
        )

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, actor=request.user)

    @admin.action(description=_("Publish selected articles"))
    def publish_selected(self, request, queryset):
        for article in queryset:
            services.article_publish(article=article, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%d article published.", "%d articles published.", count) % count, messages.SUCCESS)

    @admin.action(description=_("Withdraw selected articles (back to draft)"))
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%d article withdrawn.", "%d articles withdrawn.", count) % count, messages.SUCCESS)
