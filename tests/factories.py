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


def png_upload(name="bild.png", size=(32, 20)):
    """A real small PNG as an upload, for image fields."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- pages -------------------------------------------------------------------------------------


class PageFactory(factory.django.DjangoModelFactory):
    """An editable page; the five footer pages already exist from the data migration."""

    class Meta:
        model = "pages.Page"

    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.Sequence(lambda n: f"seite-{n}")
    body = "Ein Absatz mit **fettem** Text."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from revier.pages import services as pages_services

        return pages_services.page_save(page=model_class(*args, **kwargs))


class StaffMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pages.StaffMessage"

    kind = "barrier"
    email = "leserin@example.org"
    page_url = "/aktuelles/"
    message = factory.Sequence(lambda n: f"Der Kontrast auf der Seite ist zu schwach ({n}).")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from revier.pages import services as pages_services

        return pages_services.staff_message_create(data=pages_services.StaffMessageInput(**kwargs))
