"""Parts of pages rendered once per content generation, for every reader.

The page cache (`core.cache`) serves whole pages to anonymous readers only. Staff, people on
their personal links, every page with a form that keeps input, and every miss of the page cache
render the page again; most of what they render (the frame, lists of articles and events, an
event's program) is the same for everyone until public content changes. Such parts are kept here,
rendered, in each process's memory (the way pretix caches its event pages' fragments):

- An entry belongs to the content generation it was rendered in (`core.cache`): every write of
  public content starts a new generation, so edits show at once in the process that made them and
  within `GENERATION_CHECK_SECONDS` in all others (with REDIS_URL; without it every process has its
  own generation, as for the page cache, and an edit reaches the others' fragments only when they
  expire: FRAGMENT_CACHE_SECONDS, 300 s by default like PAGE_CACHE_SECONDS). Apps name their public
  models with `register_content_models` in `AppConfig.ready`, so that every save and delete of
  them, from a service, the admin or a data migration, starts a new generation.
- An entry never lives past the next time public content changes by itself (`page_timeout`:
  a scheduled article appears), nor past `FRAGMENT_CACHE_SECONDS`, nor past the `max_seconds` a
  part with live figures asks for.
- The language is part of every key; so is everything the caller names as varying (`vary`).

A fragment must not contain anything personal or anything that depends on the reader (a CSRF
token, a form's input, a staff link): those are rendered around it. `FRAGMENT_CACHE_SECONDS = 0`
switches the store off (the tests' default; tests/core/test_fragments.py switches it on).
"""

import copy
import html as html_module
import pickle
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from revier.core.cache import current_generation, content_changed, seconds_until_next_change
from revier.core.context_processors import language_versions

DEFAULT_SECONDS = 300
T = TypeVar("T")


class FragmentStore:
    """Parts kept in this process's memory: at most `max_entries`, the least recently used dropped
    first, each until its timeout. Values are kept as they are, not pickled (Django's local-memory
    cache pickles every value on every read): fragments are strings and tuples of strings that
    nobody changes; `kept` pickles what it keeps itself, to hand out copies."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._cache: OrderedDict[str, tuple[Any, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        entry = self._cache.get(key)
        if entry is None or entry[1] <= time.time():
            return None
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
        return entry[0]

    def set(self, key: str, value: Any, timeout: float) -> None:
        with self._lock:
            self._cache[key] = (value, time.time() + timeout)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


_store = FragmentStore(max_entries=5000)
_stores = [_store]


def bounded_store(name: str, *, max_entries: int) -> FragmentStore:
    """A store of its own for `fragment(..., store=…)`, for parts whose keys come from what readers
    type (search words): at most `max_entries` of them, and they cannot push out what everyone reads.
    (`name` says whose store it is, for the reader of the code.)"""
    store = FragmentStore(max_entries=max_entries)
    _stores.append(store)
    return store


def _unchangeable(value: Any) -> bool:
    return isinstance(value, (str, bytes, int, float, type(None))) or (
        type(value) is tuple and all(_unchangeable(item) for item in value))


def fragment_seconds() -> int:
    """The longest time a fragment is kept; 0 switches the store off."""
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", DEFAULT_SECONDS))


def forget_fragments() -> None:
    """Drops every fragment of this process (for tests)."""
    for store in _stores:
        store.clear()


def _key(name: str, vary: Iterable[Any]) -> str:
    parts = "\x1f".join(str(value) for value in vary)
    return f"{name}\x1e{get_language()}\x1e{parts}"


def fragment(
    name: str,
    vary: Iterable[Any],
    render: Callable[[], T],
    *,
    max_seconds: int | None = None,
    store: FragmentStore | None = None,
) -> T:
    """The part `name` for the values in `vary`: from the store while its content generation is
    current, else `render()`, kept for the next readers (see the module docstring). `render` may
    also return data derived from public content (any picklable value, e.g. a count), kept by the
    same rules. `store`: a `bounded_store` instead of the shared one."""
    store = _store if store is None else store
    seconds = fragment_seconds()
    if seconds <= 0 or (max_seconds is not None and max_seconds <= 0):
        return render()
    key = _key(name, vary)
    generation = current_generation()
    entry = store.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1] if entry[2] else pickle.loads(entry[1])
    value = render()
    timeout = seconds_until_next_change(seconds if max_seconds is None else min(seconds, max_seconds))
    # Text (the usual part) is kept as it is; data that a caller could change (a list, an object) as a
    # pickle, so that every caller gets a copy of its own.
    frozen = _unchangeable(value)
    store.set(key, (generation, value if frozen else pickle.dumps(value, pickle.HIGHEST_PROTOCOL), frozen), timeout)
    return value


def kept(name: str, vary: Iterable[Any], read: Callable[[], Any]) -> Any:
    """What `read()` returns (the model instance an address names, say), kept like a fragment, so
    that a page whose parts all come from the store runs no query at all. Every caller gets a copy
    of its own (the store pickles), to use and change freely. None (the address names nothing: a
    404) is never kept, so unknown addresses fill no entry; what is kept lasts only while its
    content generation does, so deleting or unpublishing something shows as fast as its fragments do."""
    seconds = fragment_seconds()
    if seconds <= 0:
        return read()
    key = _key("kept\x1e" + name, vary)
    generation = current_generation()
    entry = _store.get(key)
    if entry is not None and entry[0] == generation:
        return pickle.loads(entry[1])
    value = read()
    if value is not None:
        _store.set(key, (generation, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)), seconds_until_next_change(seconds))
    return value


def _changed(sender, **kwargs) -> None:
    # Loading fixtures (`loaddata`) saves raw rows; they are content too.
    content_changed()


def register_content_models(*models, when: Callable[[Any], bool] | None = None) -> None:
    """Every save and delete of these models (and changes of their many-to-many fields) starts a
    new content generation: apps call it in AppConfig.ready for the models their public pages show.
    Models whose rows change with every visitor (registrations, claims) do not belong here. `when`:
    only rows for which it holds are content (a profile once confirmed; an unconfirmed one, which
    anyone can make, shows nowhere and must not empty every reader's kept parts)."""
    for model in models:
        handler = _changed
        if when is not None:
            def handler(sender, instance=None, _content_model=model, **kwargs):
                # A many-to-many change seen from the other side (a topic's profiles) counts always.
                if not isinstance(instance, _content_model) or when(instance):
                    content_changed()
        uid = f"revier-content-{model._meta.label}"
        post_save.connect(handler, sender=model, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(handler, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}", weak=False)


# Where the reader's own part goes in a kept page (render_around); random, so no content can contain it.
_PART_MARK = f"<!--part-{secrets.token_hex(16)}-->"


def render_around(request, template_name: str, context: dict | Callable[[], dict], *, part: str | None = None, html: str = "",
                  parts: dict[str, str] | None = None, name: str, vary: Iterable[Any],
                  status: int = 200, store: FragmentStore | None = None) -> HttpResponse:
    """The page `template_name` with `html` where it shows the context variable `part` (or, with
    `parts`, each html where its variable shows: a title and a page's content, say). Everything
    around the parts must be the same for every reader with the same `vary` values (it is a
    fragment: the page is rendered once per content generation, language and values, and split
    where the parts go); only the parts, the reader's own (a form with input and errors, a list for
    the filter asked for), are written per request. `context` may be a function, called only when
    the page is rendered (what it reads costs nothing when the page comes from the store). `store`: a `bounded_store` when `vary` carries
    what readers type (a search, the whole query string)."""
    parts = dict(parts or {})
    if part is not None:
        parts[part] = html
    names = tuple(parts)
    versions = language_versions(request)

    def around() -> tuple[tuple[str, ...], tuple[str, ...]]:
        marks = {name: _PART_MARK.replace("-->", f"-{name}-->") for name in names}
        values = context() if callable(context) else context
        # The frame's language links lead to this very address (a personal link's token, a search):
        # kept with marks where the addresses go, written per request below.
        marked_versions = [{**version, "url": _language_mark(version["code"], "url"),
                            "absolute_url": _language_mark(version["code"], "absolute_url")}
                           for version in versions]
        page = render_to_string(template_name, {**values, "language_versions": marked_versions,
                                                **{n: mark_safe(m) for n, m in marks.items()}}, request)
        found = []
        for part_name, mark in marks.items():
            at = page.find(mark)
            if at < 0 or page.find(mark, at + 1) >= 0:
                raise ValueError(f"{template_name} does not show {{{{ {part_name} }}}} exactly once")
            found.append((at, part_name))
        order, pieces, position = [], [], 0
        for at, part_name in sorted(found):
            pieces.append(page[position:at])
            order.append(part_name)
            position = at + len(marks[part_name])
        pieces.append(page[position:])
        return tuple(order), tuple(pieces)

    order, pieces = fragment(f"around:{template_name}:{','.join(names)}", vary, around, store=store)
    addresses = [(_language_mark(version["code"], key), html_module.escape(version[key]))
                 for version in versions for key in ("url", "absolute_url")]

    def own(piece: str) -> str:
        for mark, address in addresses:
            piece = piece.replace(mark, address)
        return piece

    out = [own(pieces[0])]
    for part_name, piece in zip(order, pieces[1:], strict=True):
        out.append(parts[part_name])
        out.append(own(piece))
    return HttpResponse("".join(out), status=status)


# Where a kept frame's language links put the reader's own address (render_around); random per process.
_LANGUAGE_MARK = f"revier-language-{secrets.token_hex(12)}"


def _language_mark(code: str, key: str) -> str:
    return f"{_LANGUAGE_MARK}-{code}-{key}"


# A bound form's text input is written into its kept shape at these marks (bound_form_html);
# random per process, so that no input can contain one.
_INPUT_MARK = f"\ue000{secrets.token_hex(8)}:"
_INPUT_MARK_PATTERN = re.compile(re.escape(_INPUT_MARK) + "(\\d+)\ue001")
_TEXT_WIDGETS = (forms.TextInput, forms.EmailInput, forms.Textarea)
_bound_forms = bounded_store("bound-forms", max_entries=500)


def bound_form_html(name: str, vary: Iterable[Any], form: forms.BaseForm, render: Callable[[forms.BaseForm], str]) -> SafeString:
    """What `render(form)` gives for the bound and validated `form`, written from a kept shape.

    A form shown again with its errors (a refused registration in a rush) differs from the last
    one shown mostly in what people typed. The shape of its HTML is everything but the text typed
    into text fields (inputs and text areas): the choices made, which text fields are empty, the
    errors, and `vary` (what else `render` depends on: the seats counted, the address). It is
    rendered once, with a mark in every text field, and kept like a fragment (a bounded store: the
    keys come from input); each request writes its own text, escaped as the field would, at the
    marks. A shape in which a mark does not show exactly once or not at all is not kept.
    tests/core/test_fragments.py compares it with `render(form)` for arbitrary input."""
    if fragment_seconds() <= 0:
        return mark_safe(render(form))
    texts: list[str | None] = []
    shape: list[Any] = []
    for bound in form:
        field = bound.field
        if type(field.widget) in _TEXT_WIDGETS and not field.localize and not field.disabled:
            value = bound.value()
            # What the field writes (core.templatetags.kern_forms._plain_widget): nothing when empty.
            texts.append(None if value == "" or value is None else html_module.escape(str(value)))
            shape.append(texts[-1] is None)
        else:
            texts.append(None)
            getlist = getattr(form.data, "getlist", None)
            shape.append(tuple(getlist(bound.html_name)) if getlist else form.data.get(bound.html_name))
    errors = [(field_name, [str(error) for error in field_errors]) for field_name, field_errors in form.errors.items()]

    def shaped() -> tuple[tuple[str, ...], tuple[int, ...]] | None:
        marked = copy.copy(form)
        marked.data = form.data.copy()
        marked._bound_fields_cache = {}
        for index, (bound, text) in enumerate(zip(form, texts, strict=True)):
            if text is not None:
                marked.data[bound.html_name] = f"{_INPUT_MARK}{index}\ue001"
        pieces = _INPUT_MARK_PATTERN.split(render(marked))
        chunks, order = tuple(pieces[0::2]), tuple(int(index) for index in pieces[1::2])
        if len(set(order)) != len(order):
            return None
        return chunks, order

    kept_shape = fragment(f"bound-form:{name}", [*vary, shape, errors], shaped, store=_bound_forms)
    if kept_shape is None:
        return mark_safe(render(form))
    chunks, order = kept_shape
    out = [chunks[0]]
    for index, chunk in zip(order, chunks[1:], strict=True):
        out.append(texts[index])
        out.append(chunk)
    return mark_safe("".join(out))
