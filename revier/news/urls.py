from django.urls import path

from revier.core.cache import cache_public_page
from revier.news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("feed/rss/", cache_public_page(feeds.LatestArticlesRss()), name="feed-rss"),
    path("feed/atom/", cache_public_page(feeds.LatestArticlesAtom()), name="feed-atom"),
    path("thema/<slug:topic_slug>/feed/rss/", cache_public_page(feeds.LatestArticlesRss()), name="topic-feed-rss"),
    path("thema/<slug:topic_slug>/feed/atom/", cache_public_page(feeds.LatestArticlesAtom()), name="topic-feed-atom"),
    path("vorschau/<int:pk>/", views.article_preview, name="preview"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
