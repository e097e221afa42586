"""The directory's teasers, written in Python: a list page renders up to 20 of them whenever they are not
kept (core.fragments), and an include per teaser through the template engine costs about ten times as
much. The markup is the one the templates wrote (network/includes/profile_teaser.html and
entry_teaser.html until 5a0755d; tests/network/test_teasers.py keeps them and compares), every value
escaped. They are written from plain values (network.directory.ProfileTeaser, EntryTeaser) with
what all teasers of a page share worked out once (TeaserParts)."""

import functools
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from revier.core.choices import Sector
from revier.core.retention import retention_periods_shown
from revier.core.templatetags.kern_forms import render_field
from revier.core.text import german_content_lang
from revier.network.directory import TEASER_ENTRIES, EntryTeaser, ProfileTeaser
from revier.network.models import ProfileEntry, Region

# An entry's teaser shows this many characters of its text (the template's truncatechars:300).
TEASER_TEXT_CHARS = 300
# What django.utils.html.escape (html.escape) replaces, for plain str values in one call: on a page of
# teasers its lazy-string check, SafeString wrapper and five replace() calls per value cost more than
# writing the rest (tests/network/test_teasers.py compares with the templates' autoescaping).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape_text(value: str) -> str:
    return value.translate(_ESCAPES)


# A number no profile has, written into the profile page's address to find where a number goes.
_PK_MARK = 918273645


@dataclass(frozen=True)
class TeaserParts:
    """What the teasers share, escaped, in one language: labels, badges, the choices' names and the
    profile page's address around the profile's number."""

    url_before: str
    url_after: str
    offers: str
    needs: str
    topics_open: str
    synthetic: str
    offer_badge: str
    need_badge: str
    kinds: dict[str, str]
    regions: dict[str, str]
    # ' lang="de"' on an English page, else "": what people wrote and the topic names are German
    # (core.text.german_content_lang); German content inside running English text goes in a span.
    german: str
    topic_item: str
    german_open: str
    german_close: str


@functools.lru_cache(maxsize=16)
def _teaser_parts(language: str, profile_url: str) -> TeaserParts:
    # Plain str throughout (str() of the lazy choice names; no SafeString): f-strings call a
    # SafeString's __str__ and translate a lazy name again on every use.
    before, _mark, after = profile_url.partition(str(_PK_MARK))

    def text(value) -> str:
        return _escape_text(str(value))

    def badge(kind: str, label: str) -> str:
        return f'<span class="kern-badge {kind}"><span class="kern-label">{text(label)}</span></span>'

    topics = text(gettext("Topics"))
    german = german_content_lang()
    return TeaserParts(
        url_before=text(before),
        url_after=text(after),
        offers=text(gettext("Offers:")),
        needs=text(gettext("Looking for:")),
        topics_open=f'<ul class="topic-list" aria-label="{topics}">',
        synthetic=badge("kern-badge--warning", gettext("synthetic example")),
        offer_badge=badge("kern-badge--success", gettext("Offers")),
        need_badge=badge("kern-badge--info", gettext("Looking for")),
        kinds={value: text(label) for value, label in Sector.choices},
        regions={value: text(label) for value, label in Region.choices},
        german=german,
        topic_item=_TOPIC_ITEM.replace('"kern-label">', f'"kern-label"{german}>'),
        german_open=f"<span{german}>" if german else "",
        german_close="</span>" if german else "",
    )


def teaser_parts() -> TeaserParts:
    """The TeaserParts of the active language (worked out once per language and address prefix)."""
    return _teaser_parts(get_language(), reverse("network:profile", kwargs={"pk": _PK_MARK}))


def _choice(labels: dict[str, str], value: str) -> str:
    """A choice's name, or the value itself where it names no choice (as get_FOO_display)."""
    return labels.get(value) or _escape_text(value)


_TOPIC_ITEM = '<li><span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label">{}</span></span></li>'


def _topics_html(parts: TeaserParts, topics: list[str]) -> str:
    if not topics:
        return ""
    return parts.topics_open + "".join([parts.topic_item.format(name.translate(_ESCAPES)) for name in topics]) + "</ul>"


@functools.lru_cache(maxsize=256)
def _more(language: str, more: int) -> str:
    return _escape_text(ngettext("and %(counter)s more", "and %(counter)s more", more) % {"counter": more})


def _titles_html(parts: TeaserParts, label: str, titles: list[str]) -> str:
    if not titles:
        return ""
    shown = parts.german_open + "; ".join([title.translate(_ESCAPES) for title in titles[:TEASER_ENTRIES]]) + parts.german_close
    more = len(titles) - TEASER_ENTRIES
    if more > 0:
        shown += " " + _more(get_language(), more)
    return f'<p class="kern-body directory-teaser__entries"><strong>{label}</strong> {shown}</p>'


def _text_beginning(text: str) -> str:
    """What Truncator(text).chars(TEASER_TEXT_CHARS) returns (the NFC form, cut with "…" when
    longer), without going through the characters one by one when the text is short enough."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= TEASER_TEXT_CHARS else Truncator(text).chars(TEASER_TEXT_CHARS)




def profile_teaser_html(row: ProfileTeaser, parts: TeaserParts) -> str:
    """A profile in the directory: name (a link to its page), function and organisation, kind and
    region, the titles of its first offers and needs, topics."""
    organisation = _escape_text(row.organisation)
    district = f" ({_escape_text(row.district)})" if row.district else ""
    return (
        '<article class="directory-teaser">'
        f'<h2 class="kern-heading-medium teaser__title"><a class="kern-link" href="{parts.url_before}{row.pk}'
        f'{parts.url_after}">{_escape_text(row.first_name)} {_escape_text(row.last_name)}</a></h2>'
        f'<p class="kern-body"{parts.german}>{_escape_text(row.function) + ", " if row.function else ""}{organisation}</p>'
        f'<p class="kern-body--small directory-teaser__facts">{_choice(parts.kinds, row.kind)} · '
        f'{_choice(parts.regions, row.region)}{district}</p>'
        f"{_titles_html(parts, parts.offers, row.offer_titles)}{_titles_html(parts, parts.needs, row.need_titles)}"
        f'<div class="teaser__meta">{parts.synthetic if row.is_synthetic else ""}{_topics_html(parts, row.topics)}</div>'
        "</article>"
    )


def entry_teaser_html(row: EntryTeaser, parts: TeaserParts) -> str:
    """An offer or a need in the directory: "Bietet" or "Sucht", its title (a link to its place on the
    profile page), the beginning of its text, who offers or looks for it, topics."""
    offer = row.direction == ProfileEntry.Direction.OFFER
    text = f'<p class="kern-body"{parts.german}>{_escape_text(_text_beginning(row.text))}</p>' if row.text else ""
    return (
        '<article class="directory-teaser">'
        f'<p class="teaser__meta">{parts.offer_badge if offer else parts.need_badge}</p>'
        f'<h2 class="kern-heading-medium teaser__title"{parts.german}><a class="kern-link" href="{parts.url_before}{row.profile_id}'
        f'{parts.url_after}#eintrag-{row.pk}">{_escape_text(row.title)}</a></h2>'
        f"{text}"
        f'<p class="kern-body--small directory-teaser__facts">{_escape_text(row.first_name)} '
        f"{_escape_text(row.last_name)}, {parts.german_open}{_escape_text(row.organisation)}{parts.german_close} · "
        f"{_choice(parts.kinds, row.kind)} · "
        f"{_choice(parts.regions, row.region)}</p>"
        f'<div class="teaser__meta">{parts.synthetic if row.is_synthetic else ""}{_topics_html(parts, row.topics)}</div>'
        "</article>"
    )


# ---------------------------------------------------------------------------------------------
# The directory's list pages (network/directory.html): everything around the content is kept
# (core.fragments.render_around); the content is written here per request from kept parts (the
# filter box per filter, the teasers per page of ids), as the template wrote it.


def directory_title(*, entries: bool, query: str, number: int) -> str:
    """The page's <title> before " – Revier" (escaped)."""
    title = escape(gettext("Offers and needs") if entries else gettext("Network directory"))
    if query:
        title = escape(gettext("Search results for “%(query)s”")).replace("%(query)s", escape(query)) + " – " + title
    if number > 1:
        title += " – " + escape(gettext("page %(number)s") % {"number": number})
    return title


def directory_content_html(*, entries: bool, urls: tuple[str, str, str], filter_query: str, filter_box: str,
                           is_filtered: bool, count: int, teasers: str, pagination: str) -> SafeString:
    """What network/directory.html showed in its content block: heading, the two views, the filter
    box, the number of hits (a status), the teasers and the page links, or why there are none.
    `urls`: the directory's, the offers' and needs' and "Profil anlegen"'s addresses; `filter_query`:
    the filter as a query string (not escaped); the other parts are HTML."""
    directory_url, entries_url, create_url = (escape(url) for url in urls)
    query = f"?{escape(filter_query)}" if filter_query else ""
    current = ' aria-current="page"'
    offers_label = escape(gettext("Offers and needs"))
    heading = offers_label if entries else escape(gettext("Network directory"))
    if entries:
        status = ngettext("%(counter)s offer or need", "%(counter)s offers and needs", count) % {"counter": count}
    else:
        status = ngettext("%(counter)s profile", "%(counter)s profiles", count) % {"counter": count}
    status = escape(status) + (" " + escape(gettext("(filtered)")) if is_filtered else "")
    if teasers:
        results = f'    <ul class="teaser-list">\n      {teasers}\n    </ul>\n    {pagination}\n'
    else:
        empty = gettext("No offers or needs found") if entries else gettext("No profiles found")
        hint = gettext("Try other or fewer words, or remove filters.") if is_filtered else gettext(
            "There are no public profiles yet.")
        create = gettext('You can <a class="kern-link" href="%(create_url)s">create a profile</a> yourself.') % {
            "create_url": create_url}
        results = (
            '    <div class="kern-alert kern-alert--info">\n'
            '      <div class="kern-alert__header"><span class="kern-icon kern-icon--info" aria-hidden="true"></span>'
            f'<span class="kern-title">{escape(empty)}</span></div>\n'
            f'      <div class="kern-alert__body"><p class="kern-body">{escape(hint)} {create}</p></div>\n'
            "    </div>\n"
        )
    views_label = escape(gettext("Directory views"))
    profiles_label = escape(gettext("Profiles"))
    return mark_safe(
        f'<h1 class="kern-heading-x-large">{heading}</h1>\n'
        f'<nav class="directory-tabs" aria-label="{views_label}">\n  <ul>\n'
        f'    <li><a class="kern-link" href="{directory_url}{query}"{"" if entries else current}>{profiles_label}</a></li>\n'
        f'    <li><a class="kern-link" href="{entries_url}{query}"{current if entries else ""}>{offers_label}</a></li>\n'
        "  </ul>\n</nav>\n"
        f'<div class="news-layout">\n  {filter_box}\n  <div>\n'
        f'    <p class="kern-body" role="status">\n      {status}\n    </p>\n'
        f"{results}"
        "  </div>\n</div>"
    )


# ---------------------------------------------------------------------------------------------
# "Profil anlegen" (network/create.html): the page around the form is kept per error state
# (core.fragments.render_around); the form is written here, as the template wrote it with
# {% kern_field %} (core.templatetags.kern_forms.render_field), and kept when it is blank.


def _fieldset(legend: str, fields, *, intro: str = "") -> str:
    intro = f'\n    <p class="kern-body">{escape(intro)}</p>' if intro else ""
    body = "".join(render_field(field) for field in fields)
    return (
        '\n  <fieldset class="form-section">\n'
        f'    <legend class="kern-heading-medium">{escape(legend)}</legend>{intro}\n'
        f'    <div class="form-stack">\n      {body}\n    </div>\n'
        "  </fieldset>\n"
    )


def profile_create_form_html(form, *, action: str, privacy_url: str, alerts: str = "", invite: str = "",
                             invited_event_title: str | None = None) -> SafeString:
    """The introduction, the alerts above the form (`alerts`, HTML) and the <form> of "Profil
    anlegen" for `form` (network.forms.ProfileCreateForm, with or without input), posting to
    `action`; `invite`: the signed value of a Gesprächsbörse invitation, kept in a hidden field,
    `invited_event_title`: its event's title."""
    if invited_event_title is not None:
        intro = gettext(
            "Your profile for the Gesprächsbörse of “%(title)s”: your details from the registration are filled in. "
            "With the same e-mail address your profile is confirmed at once and you take part in the Gesprächsbörse."
        ) % {"title": escape(invited_event_title)}
    else:
        intro = escape(gettext(
            "Your profile shows who you are and what your organisation offers and looks for. We send you a link "
            "to confirm it; until then nobody sees it."
        ))
    honeypot = form["website"]
    privacy = gettext(
        "We process your details to show your profile as you choose and to send you the links to manage it. You "
        "can delete your profile at any time on your personal page. Details are in our "
        '<a class="kern-link" href="%(privacy_url)s">privacy statement</a>.'
    ) % {"privacy_url": escape(privacy_url)}
    days = retention_periods_shown()["network_profiles"]
    privacy += " " + escape(ngettext(
        "If you do not use your profile for %(days)d day (no change, no event, no request), it is deleted; "
        "only numbers for statistics remain.",
        "If you do not use your profile for %(days)d days (no change, no event, no request), it is deleted; "
        "only numbers for statistics remain.", days) % {"days": days})
    # network.retention.profiles_warn_due; .get: a kept list of periods may predate this period.
    warning = retention_periods_shown().get("network_profile_warning", settings.NETWORK_PROFILE_WARNING_DAYS)
    privacy += " " + escape(ngettext(
        "%(days)d day before, we send you an e-mail with the link to keep it.",
        "%(days)d days before, we send you an e-mail with the link to keep it.", warning) % {"days": warning})
    hidden_invite = f'\n  <input type="hidden" name="anmeldung" value="{escape(invite)}">' if invite else ""
    # Texts outside the f-strings: xgettext (makemessages) does not look into f-strings.
    required_note = escape(gettext("Fields marked “required” must be filled in."))
    submit = escape(gettext("Create profile"))
    return mark_safe(
        f'<p class="kern-body">{intro}</p>\n'
        f"{alerts}"
        f'<form class="form-stack" method="post" action="{escape(action)}" novalidate>\n'
        f'  <p class="kern-body">{required_note}</p>\n'
        + _fieldset(gettext("About you"), form.person_fields)
        + _fieldset(gettext("Your organisation"), form.organisation_fields)
        + _fieldset(gettext("We offer"), [form["offer_title"], form["offer_text"]], intro=gettext(
            "Optional: a first offer. You can add more offers and needs on your personal page."))
        + _fieldset(gettext("We are looking for"), [form["need_title"], form["need_text"]],
                    intro=gettext("Optional: a first need."))
        + _fieldset(gettext("Visibility"), [form["visibility"]])
        + hidden_invite
        + '\n  <div class="honeypot" aria-hidden="true">\n'
        f'    <label for="{escape(honeypot.id_for_label)}">{escape(str(honeypot.label))}</label>\n'
        f'    <input type="text" name="{escape(honeypot.html_name)}" id="{escape(honeypot.id_for_label)}" value="" '
        'tabindex="-1" autocomplete="off">\n'
        "  </div>\n"
        f'  <p class="kern-body">{privacy}</p>\n'
        '  <button class="kern-btn kern-btn--primary" type="submit"><span class="kern-label">'
        f"{submit}</span></button>\n"
        "</form>"
    )
