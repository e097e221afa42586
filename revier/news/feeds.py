from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from revier.core.models import Topic
from revier.news import selectors


class LatestArticlesRss(Feed):
    feed_type = Rss201rev2Feed
    language = "de"

    def get_object(self, request, topic_slug=None):
        return get_object_or_404(Topic, slug=topic_slug) if topic_slug else None

    def title(self, topic):
        if topic:
            return _("%(site)s – News on %(topic)s") % {"site": settings.SITE_NAME, "topic": topic.name}
        return _("%(site)s – News") % {"site": settings.SITE_NAME}

    def link(self, topic):
        url = reverse("news:list")
        return f"{url}?thema={topic.slug}" if topic else url

    def description(self, topic):
        return _("News from the network of the coal regions in structural change.")

    subtitle = description

    def items(self, topic):
        return selectors.article_feed_items(topic=topic)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed
