"""The directory's teasers written from plain values (network.directory's row reads, network.rendering)
are the markup the templates wrote from model instances, for any profile data: HTML special
characters, empty fields, long texts with combining characters, any number of topics, offers and
needs. The two templates are kept here as they were (network/includes/profile_teaser.html and
entry_teaser.html until 5a0755d, with the lang="de" marks of German content on English pages added
since), with the model instances read as the directory read them then, so the fast path cannot drift
from what the template engine would write.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_t pytest tests/network/test_teasers.py
"""

import re

import pytest
from django.db import transaction
from django.db.models import Prefetch
from django.template import engines
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from revier.core.choices import Sector
from revier.core.models import Topic
from revier.network import directory, rendering
from revier.network.models import Profile, ProfileEntry, Region

pytestmark = pytest.mark.django_db

PROFILE_TEASER = """{% load i18n revier %}{% german_content as g %}<article class="directory-teaser">
  <h2 class="kern-heading-medium teaser__title"><a class="kern-link" href="{{ profile.get_absolute_url }}">{{ profile.full_name }}</a></h2>
  <p class="kern-body"{{ g }}>{% if profile.function %}{{ profile.function }}, {% endif %}{{ profile.organisation }}</p>
  <p class="kern-body--small directory-teaser__facts">{{ profile.get_kind_display }} · {{ profile.get_region_display }}{% if profile.district %} ({{ profile.district }}){% endif %}</p>
  {% if profile.offer_titles %}<p class="kern-body directory-teaser__entries"><strong>{% translate "Offers:" %}</strong> {% if g %}<span{{ g }}>{% endif %}{% for title in profile.offer_titles|slice:":3" %}{{ title }}{% if not forloop.last %}; {% endif %}{% endfor %}{% if g %}</span>{% endif %}{% if profile.offer_titles|length > 3 %} {% blocktranslate count counter=profile.offer_titles|length|add:"-3" %}and {{ counter }} more{% plural %}and {{ counter }} more{% endblocktranslate %}{% endif %}</p>{% endif %}
  {% if profile.need_titles %}<p class="kern-body directory-teaser__entries"><strong>{% translate "Looking for:" %}</strong> {% if g %}<span{{ g }}>{% endif %}{% for title in profile.need_titles|slice:":3" %}{{ title }}{% if not forloop.last %}; {% endif %}{% endfor %}{% if g %}</span>{% endif %}{% if profile.need_titles|length > 3 %} {% blocktranslate count counter=profile.need_titles|length|add:"-3" %}and {{ counter }} more{% plural %}and {{ counter }} more{% endblocktranslate %}{% endif %}</p>{% endif %}
  <div class="teaser__meta">
    {% if profile.is_synthetic %}<span class="kern-badge kern-badge--warning"><span class="kern-label">{% translate "synthetic example" %}</span></span>{% endif %}
    {% with topics=profile.topics.all %}{% if topics %}
      <ul class="topic-list" aria-label="{% translate 'Topics' %}">
        {% for topic in topics %}<li><span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label"{{ g }}>{{ topic.name }}</span></span></li>{% endfor %}
      </ul>
    {% endif %}{% endwith %}
  </div>
</article>"""

ENTRY_TEASER = """{% load i18n revier %}{% german_content as g %}<article class="directory-teaser">
  <p class="teaser__meta"><span class="kern-badge {% if entry.direction == 'offer' %}kern-badge--success{% else %}kern-badge--info{% endif %}"><span class="kern-label">{% if entry.direction == 'offer' %}{% translate "Offers" %}{% else %}{% translate "Looking for" %}{% endif %}</span></span></p>
  <h2 class="kern-heading-medium teaser__title"{{ g }}><a class="kern-link" href="{{ entry.profile.get_absolute_url }}#eintrag-{{ entry.pk }}">{{ entry.title }}</a></h2>
  {% if entry.text %}<p class="kern-body"{{ g }}>{{ entry.text|truncatechars:300 }}</p>{% endif %}
  <p class="kern-body--small directory-teaser__facts">{{ entry.profile.full_name }}, {% if g %}<span{{ g }}>{% endif %}{{ entry.profile.organisation }}{% if g %}</span>{% endif %} · {{ entry.profile.get_kind_display }} · {{ entry.profile.get_region_display }}</p>
  <div class="teaser__meta">
    {% if entry.profile.is_synthetic %}<span class="kern-badge kern-badge--warning"><span class="kern-label">{% translate "synthetic example" %}</span></span>{% endif %}
    {% with topics=entry.topics.all %}{% if topics %}
      <ul class="topic-list" aria-label="{% translate 'Topics' %}">
        {% for topic in topics %}<li><span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label"{{ g }}>{{ topic.name }}</span></span></li>{% endfor %}
      </ul>
    {% endif %}{% endwith %}
  </div>
</article>"""


def _template(source: str):
    # The teasers were written without the templates' line breaks and indentation (all between tags).
    return engines["django"].from_string(re.sub(r"\n\s*", "", source))


# Text as people type it, with what HTML escapes, quotes, umlauts, combining characters (an "e"
# with a combining acute accent, which NFC folds into one character), no NUL (PostgreSQL refuses it).
_characters = st.one_of(
    st.sampled_from(list("<>&\"' ;·,.()#%{}") + ["e\u0301", "\u0301", "ü", "ß", "&amp;", "<b>", "{{ x }}"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
)


def _text(max_size: int, *, min_size: int = 0):
    return st.lists(_characters, min_size=min_size, max_size=max_size).map(lambda parts: "".join(parts)[:max_size])


_entry = st.fixed_dictionaries({
    "direction": st.sampled_from(["offer", "need"]),
    "title": _text(60, min_size=1),
    # Texts around the 300 characters the teaser shows, so that the cut is exercised.
    "text": st.one_of(
        _text(40), _text(320, min_size=280),
        # Exactly around the cut: 298-303 characters before NFC (a combining accent may fold away).
        st.tuples(st.integers(298, 303), _text(3, min_size=1)).map(lambda cut: (cut[1] * 400)[: cut[0]]),
    ),
    "position": st.integers(0, 3),
    "topics": st.lists(st.integers(0, 5), max_size=3, unique=True),
})



def _profile(*, min_entries: int = 0):
    return st.fixed_dictionaries({
        "first_name": _text(30, min_size=1),
        "last_name": _text(30, min_size=1),
        "function": _text(40),
        "organisation": _text(60),
        "district": _text(30),
        "kind": st.sampled_from(Sector.values),
        "region": st.sampled_from(Region.values),
        "is_synthetic": st.booleans(),
        "topics": st.lists(st.integers(0, 5), max_size=4, unique=True),
        "entries": st.lists(_entry, min_size=min_entries, max_size=9),
    })

# Topics with names that need escaping; positions in both orders so that (position, name) counts.
_topics = st.lists(st.tuples(_text(20, min_size=1), st.integers(0, 2)), min_size=6, max_size=6,
                   unique_by=lambda topic: topic[0])


def _make(data: dict, topic_data: list) -> Profile:
    """The profile of `data` with its entries, and the six topics of `topic_data` they name by index."""
    topics = [Topic.objects.create(name=name, slug=f"teaser-{n}", position=position)
              for n, (name, position) in enumerate(topic_data)]
    fields = {name: value for name, value in data.items() if name not in ("topics", "entries")}
    profile = Profile.objects.create(email="teaser@example.org", status="confirmed", **fields)
    profile.topics.set([topics[n] for n in data["topics"]])
    for entry_data in data["entries"]:
        entry = ProfileEntry.objects.create(
            profile=profile, **{name: value for name, value in entry_data.items() if name != "topics"})
        entry.topics.set([topics[n] for n in entry_data["topics"]])
    return profile


def _profile_as_the_template_read_it(pk: int) -> Profile:
    profile = Profile.objects.only(*directory.PUBLIC_PROFILE_FIELDS).prefetch_related(
        "topics", Prefetch("entries", queryset=ProfileEntry.objects.only("id", "profile_id", "direction", "title",
                                                                         "position")),
    ).get(pk=pk)
    entries = list(profile.entries.all())
    profile.offer_titles = [entry.title for entry in entries if entry.direction == "offer"]
    profile.need_titles = [entry.title for entry in entries if entry.direction == "need"]
    return profile


def _rolled_back(check):
    with transaction.atomic():
        check()
        transaction.set_rollback(True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_profile(), topic_data=_topics, language=st.sampled_from(["de", "en"]))
def test_profile_teaser_is_the_templates_for_any_profile(data, topic_data, language):
    assume(not Topic.objects.filter(name__in=[name for name, _position in topic_data]).exists())

    def check():
        profile = _make(data, topic_data)
        with translation.override(language):
            expected = _template(PROFILE_TEASER).render({"profile": _profile_as_the_template_read_it(profile.pk)})
            (row,) = directory._profile_rows([profile.pk])
            assert rendering.profile_teaser_html(row, rendering.teaser_parts()) == expected

    _rolled_back(check)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_profile(min_entries=1), topic_data=_topics, language=st.sampled_from(["de", "en"]))
def test_entry_teaser_is_the_templates_for_any_entry(data, topic_data, language):
    assume(not Topic.objects.filter(name__in=[name for name, _position in topic_data]).exists())

    def check():
        profile = _make(data, topic_data)
        ids = list(profile.entries.values_list("pk", flat=True))
        entries = ProfileEntry.objects.filter(pk__in=ids).select_related("profile").only(
            *directory.PUBLIC_ENTRY_FIELDS, *(f"profile__{name}" for name in directory.PUBLIC_PROFILE_FIELDS),
        ).prefetch_related("topics")
        with translation.override(language):
            template = _template(ENTRY_TEASER)
            expected = {entry.pk: template.render({"entry": entry}) for entry in entries}
            rows = directory._entry_rows(ids)
            written = {row.pk: rendering.entry_teaser_html(row, rendering.teaser_parts()) for row in rows}
        assert written == expected

    _rolled_back(check)


def test_teasers_escape_what_the_template_escapes():
    """A fixed case next to the generated ones: markup in every field is shown, never interpreted."""
    topic_data = [(f"<i>{n}</i> & \"Thema\" '{n}'", n) for n in range(6)]
    data = {
        "first_name": "<script>", "last_name": "O'Neil & \"Söhne\"", "function": "", "organisation": "A<B>",
        "district": "", "kind": Sector.values[0], "region": Region.values[0], "is_synthetic": True, "topics": [0, 5],
        "entries": [{"direction": "offer", "title": f"<em>{n}</em>", "text": "x" * 301 + "<", "position": n,
                     "topics": [1]} for n in range(5)],
    }

    def check():
        profile = _make(data, topic_data)
        (row,) = directory._profile_rows([profile.pk])
        html = rendering.profile_teaser_html(row, rendering.teaser_parts())
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "O&#x27;Neil &amp; &quot;Söhne&quot;" in html
        assert "<em>" not in html and "&lt;i&gt;0&lt;/i&gt;" in html
        assert html == _template(PROFILE_TEASER).render({"profile": _profile_as_the_template_read_it(profile.pk)})

    _rolled_back(check)
