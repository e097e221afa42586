"""Factories for all apps' tests. They go through the services, as real data does."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from revier.news import services as news_services
from revier.news.models import Article, ArticleLink, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("ein-sicheres-Passwort-123")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article from yesterday; pass status/published_at for drafts and scheduled ones."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Neuigkeit Nummer {n} aus dem Revier")
    teaser = "Ein kurzer Anreißer für die Liste und die Feeds."
    body = "Ein Absatz mit **fettem** Text.\n\n- Punkt eins\n- Punkt zwei"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return news_services.article_save(article=model_class(*args, **kwargs))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class ArticleLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleLink

    article = factory.SubFactory(ArticleFactory)
    label = "Weitere Informationen"
    url = "https://example.org/info"
