"""Rendered parts of pages kept per content generation (revier.core.fragments)."""

import datetime
import time

import pytest
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.utils import timezone, translation

from revier.core import cache as page_cache
from revier.core import fragments
from revier.core.fragments import forget_fragments, kept
from revier.core.models import Topic
from tests.factories import ArticleFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(fragments_on):
    pass  # tests/conftest.py: switched off for every other test
    yield
    forget_fragments()


class Counter:
    """A context value that counts how often the template asked for it."""

    def __init__(self):
        self.calls = 0

    def __str__(self):
        self.calls += 1
        return f"gerendert {self.calls}"


def render(source, **context):
    return Template("{% load revier %}" + source).render(Context(context))


def test_fragment_renders_once_per_content_generation():
    counter = Counter()
    source = '{% fragment "teaser" %}<p>{{ counter }}</p>{% endfragment %}'
    assert render(source, counter=counter) == "<p>gerendert 1</p>"
    assert render(source, counter=counter) == "<p>gerendert 1</p>"
    assert counter.calls == 1
    page_cache.content_changed()
    assert render(source, counter=counter) == "<p>gerendert 2</p>"


def test_fragment_varies_on_its_values_and_the_language():
    counter = Counter()
    source = '{% fragment "teaser" page %}{{ page }} {{ counter }}{% endfragment %}'
    assert render(source, counter=counter, page=1) == "1 gerendert 1"
    assert render(source, counter=counter, page=2) == "2 gerendert 2"
    assert render(source, counter=counter, page=1) == "1 gerendert 1"
    with translation.override("en"):
        assert render(source, counter=counter, page=1) == "1 gerendert 3"


def test_fragment_same_name_in_two_templates_kept_apart():
    sources = {name: f'{{% load revier %}}{{% fragment "x" %}}{name}{{% endfragment %}}' for name in ("a.html", "b.html")}
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", sources)],
        libraries={"revier": "revier.core.templatetags.revier"},
    )
    assert engine.get_template("a.html").render(Context()) == "a.html"
    assert engine.get_template("b.html").render(Context()) == "b.html"


def test_fragment_max_seconds_zero_and_store_off_render_every_time(settings):
    counter = Counter()
    render('{% fragment "live" max_seconds=0 %}{{ counter }}{% endfragment %}', counter=counter)
    render('{% fragment "live" max_seconds=0 %}{{ counter }}{% endfragment %}', counter=counter)
    assert counter.calls == 2
    settings.FRAGMENT_CACHE_SECONDS = 0
    render('{% fragment "kept" %}{{ counter }}{% endfragment %}', counter=counter)
    render('{% fragment "kept" %}{{ counter }}{% endfragment %}', counter=counter)
    assert counter.calls == 4


def test_fragment_expires_after_max_seconds_and_before_a_scheduled_article(monkeypatch):
    counter = Counter()
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    source = '{% fragment "live" max_seconds=30 %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)
    clock[0] += 29
    render(source, counter=counter)
    assert counter.calls == 1
    clock[0] += 2
    render(source, counter=counter)
    assert counter.calls == 2
    # A scheduled article appears in 10 s: nothing rendered now outlives that moment.
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(seconds=10))
    source = '{% fragment "list" %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)
    clock[0] += 11
    render(source, counter=counter)
    assert counter.calls == 4


def test_fragment_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load revier %}{% fragment name %}x{% endfragment %}")


@pytest.mark.parametrize("change", ["save", "delete", "many-to-many"])
def test_register_content_models_every_write_starts_a_new_generation(change):
    topic = TopicFactory(name="Fragment-Testthema")
    article = ArticleFactory()
    event = EventFactory()
    before = page_cache.current_generation()
    if change == "save":
        topic.name = "Strukturwandel"
        topic.save()
    elif change == "delete":
        event.delete()
    else:
        article.topics.add(topic)
    assert page_cache.current_generation() != before


def test_frame_cached_marks_the_current_section_and_keeps_the_search_words(client):
    news = client.get("/aktuelles/").content.decode()
    events = client.get("/veranstaltungen/").content.decode()
    assert 'href="/aktuelles/" aria-current="page"' in news
    assert 'href="/veranstaltungen/" aria-current="page"' in events
    assert 'href="/aktuelles/" aria-current="page"' not in events
    assert 'value="Wasserstoff"' in client.get("/aktuelles/?q=Wasserstoff").content.decode()
    assert 'value=""' in client.get("/aktuelles/").content.decode()


def test_frame_cached_is_the_frame_rendered_fresh(client, settings):
    cached = [client.get(url).content for url in ("/impressum/", "/impressum/", "/veranstaltungen/")]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert cached[0] == cached[1] == client.get("/impressum/").content
    assert cached[2] == client.get("/veranstaltungen/").content


def test_fragment_max_seconds_none_is_no_limit_of_its_own(monkeypatch):
    counter = Counter()
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    source = '{% fragment "list" max_seconds=limit %}{{ counter }}{% endfragment %}'
    render(source, counter=counter, limit=None)
    clock[0] += 599
    render(source, counter=counter, limit=None)
    assert counter.calls == 1
    clock[0] += 2  # past FRAGMENT_CACHE_SECONDS
    render(source, counter=counter, limit=None)
    assert counter.calls == 2


def test_kept_reads_once_per_content_generation_and_hands_out_copies():
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    reads = []

    def read():
        reads.append(1)
        return Topic.objects.filter(slug="wasserstoff").first()

    first = kept("topic", ["wasserstoff"], read)
    first.name = "Von einem Leser geändert"
    second = kept("topic", ["wasserstoff"], read)
    assert len(reads) == 1
    assert second.name == "Wasserstoff" and second is not first
    topic.name = "Strukturwandel"
    topic.save()
    assert kept("topic", ["wasserstoff"], read).name == "Strukturwandel"
    assert len(reads) == 2


def test_kept_never_keeps_none():
    """An address that names nothing (a 404) fills no entry, and what appears later is found."""
    before = len(fragments._store._cache)
    for n in range(20):
        assert kept("topic", [f"gibt-es-nicht-{n}"], lambda: None) is None
    assert len(fragments._store._cache) == before
    TopicFactory(name="Neu", slug="gibt-es-nicht-0")
    assert kept("topic", ["gibt-es-nicht-0"], lambda: Topic.objects.filter(slug="gibt-es-nicht-0").first()).name == "Neu"


def test_fragment_keeps_data_too_per_content_generation():
    calls = []

    def count():
        calls.append(1)
        return {"articles": 12, "ids": [3, 2, 1]}

    assert fragments.fragment("count", (), count) == {"articles": 12, "ids": [3, 2, 1]}
    assert fragments.fragment("count", (), count) == {"articles": 12, "ids": [3, 2, 1]}
    assert len(calls) == 1
    page_cache.content_changed()
    fragments.fragment("count", (), count)
    assert len(calls) == 2


def test_bounded_store_keeps_at_most_its_entries_and_not_in_the_shared_store():
    store = fragments.bounded_store("test-search", max_entries=10)
    for n in range(50):
        fragments.fragment("search", (f"Wort {n}",), lambda n=n: f"Treffer {n}", store=store)
    assert len(store._cache) <= 10
    assert fragments.fragment("search", ("Wort 49",), lambda: "neu", store=store) == "Treffer 49"
    # The shared store holds none of them, and forget_fragments empties both.
    assert fragments.fragment("search", ("Wort 49",), lambda: "gemeinsam") == "gemeinsam"
    forget_fragments()
    assert fragments.fragment("search", ("Wort 49",), lambda: "neu", store=store) == "neu"


def test_render_around_keeps_the_page_and_writes_the_part_per_request(rf, fragments_on, monkeypatch):
    from revier.core import fragments as fragments_module

    calls = []

    def render_to_string(template_name, context, request):
        calls.append(template_name)
        return f"<h1>{context['title']}</h1>{context['part']}<p>Ende</p>"

    monkeypatch.setattr(fragments_module, "render_to_string", render_to_string)
    request = rf.get("/")

    def page(html, vary=1):
        return fragments_module.render_around(
            request, "seite.html", {"title": "Kopf"}, part="part", html=html, name="test", vary=[vary], status=409
        )

    first, second = page("<b>eins</b>"), page("<b>zwei</b>")
    assert first.content.decode() == "<h1>Kopf</h1><b>eins</b><p>Ende</p>" and first.status_code == 409
    assert second.content.decode() == "<h1>Kopf</h1><b>zwei</b><p>Ende</p>"
    assert calls == ["seite.html"]  # the page around the part was rendered once
    page("<b>drei</b>", vary=2)
    assert len(calls) == 2  # other values, another page around


def test_render_around_refuses_a_template_without_the_part(rf, monkeypatch):
    from revier.core import fragments as fragments_module

    monkeypatch.setattr(fragments_module, "render_to_string", lambda *args: "<h1>ohne</h1>")
    with pytest.raises(ValueError, match="does not show"):
        fragments_module.render_around(rf.get("/"), "seite.html", {}, part="part", html="x", name="t", vary=[])


def test_render_around_writes_several_parts_in_the_order_the_page_shows_them(rf, fragments_on, monkeypatch):
    from revier.core import fragments as fragments_module

    calls = []

    def render_to_string(template_name, context, request):
        calls.append(template_name)
        return f"<title>{context['title']}</title><main>{context['content']}</main>"

    monkeypatch.setattr(fragments_module, "render_to_string", render_to_string)

    def page(title, content):
        return fragments_module.render_around(
            rf.get("/"), "liste.html", {}, parts={"content": content, "title": title}, name="t", vary=[]
        )

    assert page("Eins", "<p>1</p>").content.decode() == "<title>Eins</title><main><p>1</p></main>"
    assert page("Zwei", "<p>2</p>").content.decode() == "<title>Zwei</title><main><p>2</p></main>"
    assert calls == ["liste.html"]


def test_render_around_refuses_a_part_shown_twice(rf, monkeypatch):
    from revier.core import fragments as fragments_module

    monkeypatch.setattr(fragments_module, "render_to_string", lambda t, c, r: f"{c['part']}{c['part']}")
    with pytest.raises(ValueError, match="exactly once"):
        fragments_module.render_around(rf.get("/"), "seite.html", {}, part="part", html="x", name="t", vary=[])


def test_unconfirmed_profiles_start_no_new_content_generation():
    """Anyone can make an unconfirmed profile; it shows nowhere, so it must not empty every
    reader's kept parts. Confirming it, and changing or deleting it then, are content changes."""
    from revier.core.cache import current_generation
    from revier.network import services
    from revier.network.models import Profile
    from tests.factories import TopicFactory

    topic = TopicFactory()
    before = current_generation()
    outcome = services.profile_create(
        email="neu@example.org",
        data=services.ProfileInput(first_name="Ada", last_name="Neu", function="", organisation="Neu GmbH",
                                   kind="kmu", region="mitteldeutsch", district="", topic_ids=[topic.pk],
                                   description="", phone="", visibility=Profile.Visibility.PUBLIC),
        entries=[services.EntryInput(direction="offer", title="Beratung", text="", topic_ids=[topic.pk])],
    )
    profile = Profile.objects.get(email="neu@example.org")
    assert current_generation() == before, outcome
    profile.status = Profile.Status.CONFIRMED
    profile.save()
    assert current_generation() != before
