from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from revier.core.fragments import fragment
from revier.core.text import shown_text
from revier.news import selectors
from revier.news.addresses import news_addresses


@dataclass(frozen=True)
class FeedScope:
    topic: selectors.TopicRef | None
    topics: selectors.TopicIndex


class LatestArticlesRss(Feed):
    """The 20 newest articles (of a topic). The feed is the same for every reader of an address
    until public content changes: it is kept per content generation (core.fragments), per scheme
    and host (its links are absolute; the host is one of ALLOWED_HOSTS)."""

    feed_type = Rss201rev2Feed
    # The feed's language is the address's (/en/…: English; core.fragments keeps it per language).
    # An article without an English title and teaser is listed with its German ones.
    language = None

    def __call__(self, request, *args, **kwargs):
        topics = selectors.topic_index()
        topic_slug = kwargs.get("topic_slug")
        if topic_slug and topics.by_slug(topic_slug) is None:
            raise Http404("unknown topic")

        def render():
            response = super(LatestArticlesRss, self).__call__(request, *args, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        vary = (type(self).__name__, request.scheme, request.get_host(), topic_slug or "")
        content, content_type, last_modified = fragment("news:feed", vary, render)
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    def get_object(self, request, topic_slug=None):
        topics = selectors.topic_index()
        return FeedScope(topic=topics.by_slug(topic_slug), topics=topics)

    def title(self, scope):
        topic = scope.topic
        if topic:
            return _("%(site)s – News on %(topic)s") % {"site": settings.SITE_NAME, "topic": topic.name}
        return _("%(site)s – News") % {"site": settings.SITE_NAME}

    def link(self, scope):
        topic = scope.topic
        url = news_addresses()["list"]
        return f"{url}?thema={topic.slug}" if topic else url

    def description(self, scope):
        return _("News from the network of the coal regions in structural change.")

    subtitle = description

    def items(self, scope):
        return selectors.article_feed_items(topic=scope.topic, topics=scope.topics)

    def item_title(self, item):
        return shown_text(item.title, item.title_en)[0]

    def item_description(self, item):
        return shown_text(item.teaser, item.teaser_en)[0]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics]


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed
