"""The one demo loader: brings the database to the content of the data files in this folder.

- `articles/<slug>.md`: the articles of "Aktuelles" (Markdown with YAML front matter),
- `events.yaml`: organisers, speakers, events with program, categories, questions and participants,
- `contingents.yaml`: the free-ticket contingents with questions, codes and claimants,
- `people.yaml`: the invented names and organisations participants and claimants are made from,
- `topics.yaml`, `accounts.yaml`: the topics the content uses and the demo accounts.

Everything is written through the services (article_save, event_save, registration_import,
contingent_save, codes_import, claim_import, …), so rendered HTML, search stems and audit entries
are made as for real data. Idempotent: every object is keyed (articles, events, contingents and
speakers by slug, organisations by name, program items by title, categories by name, questions by
text, codes by value, registrations and claims by address); one that matches its demo state is not
written again (its `updated_at` stays), one that was changed is reset. Registrations, codes and
claims are only added, never changed or removed. Dates are fixed (Berlin time), not relative to
today, so a second run finds the same state.

Participants and claimants are described by a rule (see `demo_people`), not listed one by one.
"""

import datetime
import io
import random
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from revier.contingents import errors as contingent_errors
from revier.contingents import services as contingent_services
from revier.contingents.models import Claim, Contingent, EligibilityQuestion, TicketCode
from revier.core.models import Topic
from revier.demo.accounts import STAFF_USERNAME, demo_account_ensure
from revier.demo.files import BERLIN, at, read_markdown_folder, read_yaml
from revier.demo.monitor.load import MonitorLoadResult, load_monitor
from revier.events import services as event_services
from revier.events.models import Event, Organisation, ProgramItem, Question, Registration, Speaker, TicketCategory
from revier.network import services as network_services
from revier.network.followup import services as followup_services
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings import services as meeting_services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest, MeetingSetup, ScheduleRun
from revier.network.models import Profile
from revier.news.models import Article, ArticleLink
from revier.news.services import article_save

IMAGE_CREDIT = "Grafik: Revier (generiert)"
DEFAULT_IMAGE_SEED = 2024


@dataclass(frozen=True)
class LoadResult:
    """What one part of the demo did: objects created, reset, left as they were, and rows added."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0
    registrations: int = 0
    codes: int = 0
    claims: int = 0
    requests: int = 0


def load(stdout=None) -> dict[str, LoadResult | MonitorLoadResult]:
    """Loads the whole demo, each part after the parts it refers to."""
    return {
        "events": load_events(stdout),  # before news: the seed article links to the demo conference
        "news": load_news(stdout),
        "contingents": load_contingents(stdout),  # the seed article's "Freikarten" points at one
        "network": load_network(stdout),  # after events: profiles are linked to their registrations
        "monitor": load_monitor(stdout),
    }


# --- Shared ------------------------------------------------------------------------------------


def check_keys(spec: dict, allowed: str, where: str) -> None:
    """Refuses a key the loader does not know (a typo in a data file would otherwise be ignored
    without a word). `allowed`: the known keys, separated by spaces."""
    unknown = sorted(set(spec) - set(allowed.split()))
    if unknown:
        raise ValueError(f"{where}: unbekannte Angabe {', '.join(unknown)} (bekannt sind: {allowed})")


def _sync_fields(obj, wanted: dict) -> bool:
    """Sets the wanted values; True when the object is new or one of them differed."""
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(obj, name, value)
    return changed


def _sync_m2m(manager, wanted: list, *, created: bool) -> bool:
    if created or set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
        manager.set(wanted)
        return True
    return False


def _outcome(*, created: bool, changed: bool) -> str:
    return "created" if created else ("changed" if changed else "unchanged")


def demo_image_png(*, seed: int = DEFAULT_IMAGE_SEED, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A simple abstract graphic (points joined to a network) drawn with Pillow; the same seed
    always gives the same picture."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (16, 42, 84))
    draw = ImageDraw.Draw(image)
    for i in range(height):  # a quiet vertical gradient
        shade = int(16 + 30 * i / height)
        draw.line([(0, i), (width, i)], fill=(shade, 42 + shade // 2, 84 + shade))
    points = [(rng.randint(40, width - 40), rng.randint(40, height - 40)) for _ in range(36)]
    for index, (x, y) in enumerate(points):
        for x2, y2 in points[index + 1 :]:
            if (x - x2) ** 2 + (y - y2) ** 2 < 260**2:
                draw.line([(x, y), (x2, y2)], fill=(120, 170, 210), width=2)
    palette = [(0, 168, 120), (250, 190, 40), (90, 200, 250), (235, 95, 70)]
    for x, y in points:
        radius = rng.randint(8, 22)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(palette))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image_wanted(spec: dict) -> dict:
    alt = spec.get("image_alt", "")
    return {"image_alt": alt, "image_credit": IMAGE_CREDIT if alt else ""}


def _sync_image(obj, spec: dict) -> bool:
    """An object with alt text gets the generated demo graphic (again, if its file is gone); one
    without loses its image. True when the image changed (not yet saved)."""
    if not spec.get("image_alt"):
        if obj.image:
            obj.image = ""
            return True
        return False
    if obj.image and obj.image.storage.exists(obj.image.name):
        return False
    picture = demo_image_png(seed=spec.get("image_seed", DEFAULT_IMAGE_SEED))
    obj.image.save(f"{spec['slug'][:60]}.png", ContentFile(picture), save=False)
    return True


def _sync_questions(existing, specs: list[dict], *, new, wanted, allowed: str, save) -> bool:
    """Brings the demo's questions (by text, in their order, with their choices) to their demo state
    through `save`; questions staff added are left alone."""
    changed = False
    by_text = {question.text: question for question in existing}
    for position, spec in enumerate(specs):
        check_keys(spec, f"text choices {allowed}", f"Frage „{spec.get('text')}“")
        question = by_text.get(spec["text"]) or new(spec["text"])
        fields = {**wanted(spec), "choices": "\n".join(spec.get("choices", [])), "position": position}
        if _sync_fields(question, fields):
            save(question)
            changed = True
    return changed


def _topics(slugs: list[str]) -> list[Topic]:
    """The topics by slug, each created from topics.yaml if staff removed it."""
    names = read_yaml("topics.yaml")
    topics = []
    for slug in slugs:
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": names[slug], "position": 10 * list(names).index(slug)})
        topics.append(topic)
    return topics


# --- Invented people ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPerson:
    n: int
    first_name: str
    last_name: str
    email: str
    organisation: dict  # name, function, sector (people.yaml)
    at: datetime.datetime


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def per_person(value, n: int):
    """A rule's value for person n (from 0): `{cycle: [a, b, c]}` gives entry n mod 3,
    `{runs: [[a, 17], [b, 4]]}` gives a to the first 17 and b to the next 4, anything else is
    the same for everyone."""
    if isinstance(value, dict) and "cycle" in value:
        return value["cycle"][n % len(value["cycle"])]
    if isinstance(value, dict) and "runs" in value:
        for item, count in value["runs"]:
            if n < count:
                return item
            n -= count
        raise ValueError("The runs cover fewer people than the rule's count.")
    return value


# The keys of every rule for invented people (demo_people, _answers).
RULE_KEYS = "count seed offset last_name_step email from every_hours spread_hours answers"


def demo_people(rule: dict) -> list[DemoPerson]:
    """`count` invented people from people.yaml, the same ones at every run: person n has first
    name n + offset and last name last_name_step · n + offset (both wrapping round the lists), an
    organisation drawn with `seed`, an address made by the `email` pattern ({first}, {last}, {n},
    {number} = n + 1) and a moment `every_hours` · n hours after `from`, plus up to `spread_hours`
    hours and 59 minutes drawn with the seed."""
    people = read_yaml("people.yaml")
    first_names, last_names = people["first_names"], people["last_names"]
    rng = random.Random(rule["seed"])
    offset, step = rule.get("offset", 0), rule.get("last_name_step", 1)
    result = []
    for n in range(rule["count"]):
        first = first_names[(n + offset) % len(first_names)]
        last = last_names[(step * n + offset) % len(last_names)]
        organisation = rng.choice(people["organisations"])
        hours = n * rule["every_hours"] + rng.randint(0, rule["spread_hours"])
        moment = at(rule["from"]) + datetime.timedelta(hours=hours, minutes=rng.randint(0, 59))
        email = rule["email"].format(first=_ascii(first), last=_ascii(last), n=n, number=n + 1)
        result.append(DemoPerson(n, first, last, email, organisation, moment))
    return result


def _answers(rule: dict, person: DemoPerson, questions: dict) -> dict[str, object]:
    """question pk → the person's answer by the rule's `answers` (question text → value); a
    person whose value is null does not answer."""
    answers = {}
    for text, value in rule.get("answers", {}).items():
        answer = per_person(value, person.n)
        if answer is not None:
            answers[str(questions[text].pk)] = answer
    return answers


# --- Aktuelles ---------------------------------------------------------------------------------


def _event_id(slug: str) -> int | None:
    return Event.objects.filter(slug=slug).values_list("id", flat=True).first()


def _sync_article(spec: dict) -> str:
    check_keys(spec, "slug body title published status teaser topics links generated image_alt image_seed "
                     "title_en teaser_en body_en",
               f"articles/{spec['slug']}.md")
    article = Article.objects.filter(slug=spec["slug"]).first()
    created = article is None
    article = article or Article(slug=spec["slug"])
    wanted = {
        "title": spec["title"],
        "teaser": spec["teaser"],
        "body": spec["body"],
        # The optional English version (issue 13 §4), in the front matter.
        "title_en": spec.get("title_en", ""),
        "teaser_en": spec.get("teaser_en", ""),
        "body_en": spec.get("body_en", ""),
        "status": spec.get("status", Article.Status.PUBLISHED),
        "published_at": at(spec["published"]),
        "is_generated": spec.get("generated", True),
        **_image_wanted(spec),
    }
    changed = _sync_fields(article, wanted)
    changed |= _sync_image(article, spec)
    if changed:
        article_save(article=article)

    if created or set(article.topics.values_list("slug", flat=True)) != set(spec["topics"]):
        article.topics.set(_topics(spec["topics"]))
        changed = True

    # A link with an event follows the event's page (the url stays as fallback).
    wanted_links = []
    for position, link in enumerate(spec.get("links", [])):
        check_keys(link, "label url event", f"articles/{spec['slug']}.md, Link {position + 1}")
        wanted_links.append((link["label"], link["url"], position, _event_id(link["event"]) if "event" in link else None))
    current_links = list(article.links.order_by("position", "id").values_list("label", "url", "position", "event_id"))
    if current_links != wanted_links:
        with transaction.atomic():
            article.links.all().delete()
            for label, url, position, event_id in wanted_links:
                link = ArticleLink(article=article, label=label, url=url, position=position, event_id=event_id)
                link.full_clean()
                link.save()
        changed = True
    return _outcome(created=created, changed=changed)


def load_news(stdout=None) -> LoadResult:
    """The articles of "Aktuelles" (articles/*.md): the three of the seed page and about thirty
    generated ones (`generated`, the default), one a draft, one scheduled."""
    articles = read_markdown_folder("articles")
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    for spec in articles:
        counts[_sync_article(spec)] += 1
    result = LoadResult(**counts)
    if stdout is not None:
        generated = sum(1 for spec in articles if spec.get("generated", True))
        stdout.write(
            f"Aktuelles: {result.created} Artikel angelegt, {result.changed} aktualisiert, "
            f"{result.unchanged} unverändert ({generated} davon generiert)."
        )
    return result


# --- Veranstaltungen ---------------------------------------------------------------------------


def _sync_organisations(specs: dict) -> dict[str, Organisation]:
    result = {}
    for key, spec in specs.items():
        check_keys(spec, "name url", f"events.yaml, Veranstalter {key}")
        organisation = Organisation.objects.filter(name=spec["name"]).first() or Organisation(name=spec["name"])
        if _sync_fields(organisation, {"url": spec.get("url", "")}):
            event_services.organisation_save(organisation=organisation)
        result[key] = organisation
    return result


def _sync_speakers(specs: list[dict], *, role_bio: str) -> dict[str, Speaker]:
    result = {}
    for spec in specs:
        check_keys(spec, "slug name academic_title function organisation bio", f"events.yaml, Mitwirkende {spec['slug']}")
        speaker = Speaker.objects.filter(slug=spec["slug"]).first() or Speaker(slug=spec["slug"])
        wanted = {
            "name": spec["name"],
            "academic_title": spec.get("academic_title", ""),
            "function": spec.get("function", ""),
            "organisation": spec.get("organisation", ""),
            "bio": spec.get("bio", role_bio),
        }
        if _sync_fields(speaker, wanted):
            event_services.speaker_save(speaker=speaker)
        result[spec["slug"]] = speaker
    return result


def _item_times(event: Event, time: str) -> tuple[datetime.datetime, datetime.datetime]:
    """'09:00–09:30' on the event's (first) day."""
    day = event.starts_at.astimezone(BERLIN).strftime("%Y-%m-%d")
    start, end = time.split("–")
    return at(f"{day} {start.strip()}"), at(f"{day} {end.strip()}")


def _sync_program(event: Event, specs: list[dict], speakers: dict[str, Speaker]) -> bool:
    """Brings the program to its demo state: items by title; items not in the demo are deleted."""
    changed = False
    existing = {item.title: item for item in event.program_items.prefetch_related("speakers")}
    for spec in specs:
        check_keys(spec, "time title kind speakers room description", f"events.yaml, {event.slug}, {spec['title']}")
        item = existing.pop(spec["title"], None)
        current_speakers = sorted(s.slug for s in item.speakers.all()) if item else None
        item = item or ProgramItem(event=event, title=spec["title"])
        starts_at, ends_at = _item_times(event, spec["time"])
        wanted = {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "kind": spec["kind"],
            "room": spec.get("room", ""),
            "description": spec.get("description", ""),
        }
        item_speakers = spec.get("speakers", [])
        if _sync_fields(item, wanted) | (current_speakers != sorted(item_speakers)):
            event_services.program_item_save(item=item, speakers=[speakers[slug] for slug in item_speakers])
            changed = True
    for item in existing.values():
        event_services.program_item_delete(item=item)
        changed = True
    return changed


def _sync_categories(event: Event, specs: list[dict]) -> bool:
    changed = False
    existing = {category.name: category for category in event.categories.all()}
    for position, spec in enumerate(specs):
        check_keys(spec, "name capacity online description", f"events.yaml, {event.slug}, Kategorie {spec['name']}")
        category = existing.get(spec["name"])
        if category is None:
            category = TicketCategory(event=event, name=spec["name"], capacity=spec["capacity"])
        elif category.capacity != spec["capacity"]:
            category = event_services.category_set_capacity(category=category, capacity=spec["capacity"], actor=None)
            changed = True
        fields = {"description": spec.get("description", ""), "is_online": spec.get("online", False), "position": position}
        if _sync_fields(category, fields):
            event_services.ticket_category_save(category=category)
            changed = True
    return changed


def _sync_event_questions(event: Event, specs: list[dict]) -> bool:
    def wanted(spec: dict) -> dict:
        return {"kind": spec["kind"], "required": spec.get("required", False), "help_text": spec.get("help_text", "")}

    return _sync_questions(
        event.questions.all(), specs, new=lambda text: Question(event=event, text=text), wanted=wanted,
        allowed="kind required help_text", save=lambda question: event_services.question_save(question=question),
    )


EVENT_KEYS = (
    "slug title subtitle starts ends venue_name street postcode city online_url region description organisers topics "
    "title_en subtitle_en description_en "
    "registration_opens registration_closes generated image_alt image_seed cancelled managers categories questions "
    "program registrations"
)


def _sync_event(spec: dict, organisations: dict, speakers: dict) -> tuple[Event, str]:
    check_keys(spec, EVENT_KEYS, f"events.yaml, Veranstaltung {spec['slug']}")
    event = Event.objects.filter(slug=spec["slug"]).first()
    created = event is None
    event = event or Event(slug=spec["slug"])
    note = spec.get("cancelled", "")
    wanted = {
        "title": spec["title"],
        "subtitle": spec.get("subtitle", ""),
        "starts_at": at(spec["starts"]),
        "ends_at": at(spec["ends"]),
        "venue_name": spec["venue_name"],
        "street": spec["street"],
        "postcode": spec["postcode"],
        "city": spec["city"],
        "online_url": spec.get("online_url", ""),
        "region": spec["region"],
        "description": spec["description"],
        "title_en": spec.get("title_en", ""),
        "subtitle_en": spec.get("subtitle_en", ""),
        "description_en": spec.get("description_en", ""),
        "registration_opens_at": at(spec.get("registration_opens")),
        "registration_closes_at": at(spec.get("registration_closes")),
        "requires_approval": False,
        "is_generated": spec.get("generated", True),
        **_image_wanted(spec),
    }
    # A cancelled event is published first and then cancelled through event_cancel.
    if not note or event.status != Event.Status.CANCELLED:
        wanted["status"] = Event.Status.PUBLISHED
    changed = _sync_fields(event, wanted)
    changed |= _sync_image(event, spec)
    if changed:
        event_services.event_save(event=event)
    if note and (event.status != Event.Status.CANCELLED or event.cancellation_note != note):
        if event.status == Event.Status.CANCELLED:  # another note: reopen and cancel again
            event.status = Event.Status.PUBLISHED
            event_services.event_save(event=event)
        event = event_services.event_cancel(event=event, note=note, actor=None)
        changed = True

    managers = [demo_account_ensure(username)[0] for username in spec.get("managers", [])]
    changed |= _sync_m2m(event.organisers, [organisations[key] for key in spec["organisers"]], created=created)
    changed |= _sync_m2m(event.topics, _topics(spec["topics"]), created=created)
    changed |= _sync_m2m(event.managers, managers, created=created)
    changed |= _sync_program(event, spec.get("program", []), speakers)
    changed |= _sync_categories(event, spec["categories"])
    changed |= _sync_event_questions(event, spec.get("questions", []))
    return event, _outcome(created=created, changed=changed)


def _add_registrations(event: Event, rule: dict | None) -> int:
    """Adds the demo participants that are missing (by address); existing ones are left alone.
    The rule (events.yaml) says who they are (demo_people) and, per person (per_person), their
    category, answers, consents and whether they were checked in."""
    if not rule:
        return 0
    check_keys(rule, f"{RULE_KEYS} category consents checked_in", f"events.yaml, {event.slug}, registrations")
    categories = {category.name: category for category in event.categories.all()}
    questions = {question.text: question for question in event.questions.all()}
    present = set(
        Registration.objects.filter(event=event, status__in=Registration.ACTIVE).values_list("email_normalized", flat=True)
    )
    check_in = rule.get("checked_in", {})
    check_keys(check_in, "categories who from spread_minutes", f"events.yaml, {event.slug}, checked_in")
    added = 0
    for person in demo_people(rule):
        if event_services.normalize_email(person.email) in present:
            continue
        category = per_person(rule["category"], person.n)
        checked_in = category in check_in.get("categories", []) and per_person(check_in["who"], person.n)
        data = event_services.RegistrationInput(
            category_id=categories[category].pk,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            sector=person.organisation["sector"],
            organisation=person.organisation["name"],
            function=person.organisation["function"],
            answers=_answers(rule, person, questions),
            consents=frozenset(per_person(rule.get("consents", []), person.n)),
        )
        checked_in_at = None
        if checked_in:  # from `from` on, one minute apart, round and round `spread_minutes`
            checked_in_at = at(check_in["from"]) + datetime.timedelta(minutes=person.n % check_in["spread_minutes"])
        event_services.registration_import(event=event, data=data, registered_at=person.at, checked_in_at=checked_in_at)
        added += 1
    return added


def load_events(stdout=None) -> LoadResult:
    """The events of "Veranstaltungen" (events.yaml): the seed's conference as a past event, an
    upcoming one with a nearly full category, one whose registration is not open yet and a
    cancelled one, so that every list shows every state; the organiser account manages one."""
    data = read_yaml("events.yaml")
    organisations = _sync_organisations(data["organisations"])
    speakers = _sync_speakers(data["speakers"], role_bio=data["generated_role_bio"])
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    registrations = 0
    for spec in data["events"]:
        event, outcome = _sync_event(spec, organisations, speakers)
        counts[outcome] += 1
        registrations += _add_registrations(event, spec.get("registrations"))
    result = LoadResult(**counts, registrations=registrations)
    if stdout is not None:
        stdout.write(
            f"Veranstaltungen: {result.created} angelegt, {result.changed} aktualisiert, {result.unchanged} "
            f"unverändert; {result.registrations} Anmeldungen hinzugefügt."
        )
    return result


# --- Freikarten --------------------------------------------------------------------------------


def _sync_eligibility_questions(contingent: Contingent, specs: list[dict]) -> bool:
    def wanted(spec: dict) -> dict:
        return {
            "kind": spec.get("kind", EligibilityQuestion.Kind.YES_NO),
            "accepted_answers": "\n".join(spec.get("accepted", [])),
            "required": spec.get("required", True),
        }

    return _sync_questions(
        contingent.questions.all(), specs, new=lambda text: EligibilityQuestion(contingent=contingent, text=text),
        wanted=wanted, allowed="kind accepted required",
        save=lambda question: contingent_services.eligibility_question_save(question=question),
    )


CONTINGENT_KEYS = (
    "slug title description partner_event partner_name partner_url size mode opens closes accept_hours hold_hours "
    "one_per_organisation generated code_prefix questions claims"
)


def _sync_contingent(spec: dict) -> tuple[Contingent, str]:
    check_keys(spec, CONTINGENT_KEYS, f"contingents.yaml, Kontingent {spec['slug']}")
    check_keys(spec["partner_event"], "title starts_on ends_on place", f"contingents.yaml, {spec['slug']}, partner_event")
    contingent = Contingent.objects.filter(slug=spec["slug"]).first()
    created = contingent is None
    contingent = contingent or Contingent(slug=spec["slug"])
    partner_event = spec["partner_event"]
    wanted = {
        "title": spec["title"],
        "description": spec["description"],
        "status": Contingent.Status.PUBLISHED,
        "event_id": None,
        "partner_event_title": partner_event["title"],
        "partner_event_starts_on": partner_event["starts_on"],
        "partner_event_ends_on": partner_event["ends_on"],
        "partner_event_place": partner_event["place"],
        "partner_name": spec["partner_name"],
        "partner_url": spec.get("partner_url", ""),
        "size": spec["size"],
        "mode": spec["mode"],
        "uses_codes": bool(spec.get("code_prefix")),
        "opens_at": at(spec["opens"]),
        "closes_at": at(spec["closes"]),
        "accept_hours": spec.get("accept_hours", 72),
        "hold_hours": spec.get("hold_hours", 48),
        "one_per_organisation": spec.get("one_per_organisation", False),
        "is_generated": spec.get("generated", True),
    }
    changed = _sync_fields(contingent, wanted)
    if changed:
        contingent = contingent_services.contingent_save(contingent=contingent)
    changed |= _sync_eligibility_questions(contingent, spec.get("questions", []))
    return contingent, _outcome(created=created, changed=changed)


def _add_codes(contingent: Contingent, spec: dict) -> int:
    """The codes <code_prefix>-0001 … one for each ticket, those missing imported."""
    if not spec.get("code_prefix"):
        return 0
    present = set(TicketCode.objects.filter(contingent=contingent).values_list("code", flat=True))
    codes = (f"{spec['code_prefix']}-{n:04d}" for n in range(1, spec["size"] + 1))
    missing = [code for code in codes if code not in present]
    if not missing:
        return 0
    return contingent_services.codes_import(contingent=contingent, text="\n".join(missing), actor=None).added


def _add_claims(contingent: Contingent, rule: dict | None) -> int:
    """Adds the demo claimants that are missing (by address, whatever their status now): allocated
    (first come) or applied (lottery). The rule (contingents.yaml) says who they are (demo_people)
    and, per person (per_person), their answers and whether they agree to be passed on to the partner."""
    if not rule:
        return 0
    check_keys(rule, f"{RULE_KEYS} partner_consent", f"contingents.yaml, {contingent.slug}, claims")
    questions = {question.text: question for question in contingent.questions.all()}
    present = set(Claim.objects.filter(contingent=contingent).values_list("email_normalized", flat=True))
    status = Claim.Status.APPLIED if contingent.mode == Contingent.Mode.LOTTERY else Claim.Status.ALLOCATED
    added = 0
    for person in demo_people(rule):
        if contingent_services.normalize_email(person.email) in present:
            continue
        data = contingent_services.ClaimInput(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            organisation=person.organisation["name"],
            answers=_answers(rule, person, questions),
            privacy_consent=True,
            partner_consent=per_person(rule.get("partner_consent", False), person.n),
        )
        try:
            contingent_services.claim_import(contingent=contingent, data=data, status=status, claimed_at=person.at)
        except contingent_errors.ClaimError:
            continue  # e.g. staff revoked codes meanwhile and none is left: the demo adds what fits
        added += 1
    return added


def load_contingents(stdout=None) -> LoadResult:
    """The free-ticket contingents of "Freikarten" (contingents.yaml): the seed's 50 tickets (past,
    all handed out), an open first-come contingent with a few handed out and an open lottery."""
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    codes = claims = 0
    for spec in read_yaml("contingents.yaml")["contingents"]:
        contingent, outcome = _sync_contingent(spec)
        counts[outcome] += 1
        codes += _add_codes(contingent, spec)
        claims += _add_claims(contingent, spec.get("claims"))
    result = LoadResult(**counts, codes=codes, claims=claims)
    if stdout is not None:
        stdout.write(
            f"Freikarten: {result.created} Kontingente angelegt, {result.changed} aktualisiert, {result.unchanged} "
            f"unverändert; {result.codes} Codes und {result.claims} Anträge hinzugefügt."
        )
    return result


# --- Netzwerk ----------------------------------------------------------------------------------

PROFILE_KEYS = "first_name last_name email function organisation kind region district topics description visibility offers needs event"
# The category of the demo's participants of a Gesprächsbörse, per event (events.yaml).
MEETING_CATEGORIES = {
    "wasserstoff-werkstatt-fuer-kmu-2026": "Teilnahme vor Ort mit Gesprächsbörse",
    "kmu-im-strukturwandel-staerken-2024": "Teilnahme vor Ort",
}
# The demo's profiles count as confirmed at this moment (before both events' registrations).
PROFILES_CONFIRMED_AT = "2024-09-01 10:00"


def _profile_input(spec: dict, topic_ids: dict[str, int]):
    check_keys(spec, PROFILE_KEYS, f"network_profiles.yaml, Profil {spec.get('email')}")
    data = network_services.ProfileInput(
        first_name=spec["first_name"], last_name=spec["last_name"], organisation=spec["organisation"],
        kind=spec["kind"], region=spec["region"], function=spec.get("function", ""),
        district=spec.get("district", ""), description=spec.get("description", ""),
        visibility=spec.get("visibility", "public"), topic_ids=tuple(sorted(topic_ids[slug] for slug in spec["topics"])),
    )
    entries = []
    for direction, key in (("offer", "offers"), ("need", "needs")):
        for entry in spec[key]:
            check_keys(entry, "title text topics", f"network_profiles.yaml, {spec['email']}, {entry.get('title')}")
            entries.append(network_services.EntryInput(
                direction=direction, title=entry["title"], text=entry.get("text", ""),
                topic_ids=tuple(sorted(topic_ids[slug] for slug in entry.get("topics", []))),
            ))
    return data, entries


def _profile_state(profile) -> tuple:
    """What the demo sets of a profile: its fields, topics and entries (compared with the file)."""
    fields = (profile.first_name, profile.last_name, profile.organisation, profile.kind, profile.region,
              profile.function, profile.district, profile.description, profile.visibility,
              tuple(sorted(topic.pk for topic in profile.topics.all())))
    entries = tuple(
        (entry.direction, entry.title, entry.text, tuple(sorted(topic.pk for topic in entry.topics.all())))
        for entry in sorted(profile.entries.all(), key=lambda entry: (entry.direction != "offer", entry.position, entry.pk))
    )
    return fields, entries


def _wanted_state(data, entries) -> tuple:
    fields = (data.first_name, data.last_name, data.organisation, data.kind, data.region, data.function,
              data.district, data.description, data.visibility, data.topic_ids)
    return fields, tuple((entry.direction, entry.title, entry.text, entry.topic_ids) for entry in entries)


def _meeting_registration(spec: dict, events: dict, present: dict) -> int | None:
    """The registration of the profile's person for its `event` (added if missing): a participant of
    the event's Gesprächsbörse."""
    slug = spec.get("event")
    if not slug:
        return None
    event = events[slug]
    email = event_services.normalize_email(spec["email"])
    if (event.pk, email) in present:
        return present[(event.pk, email)]
    category = event.categories.get(name=MEETING_CATEGORIES[slug])
    data = event_services.RegistrationInput(
        category_id=category.pk, first_name=spec["first_name"], last_name=spec["last_name"], email=spec["email"],
        sector=spec["kind"], organisation=spec["organisation"], function=spec.get("function", ""), answers={},
        consents=frozenset(),
    )
    registered_at = event.registration_opens_at + datetime.timedelta(hours=len(present) % 200)
    registration = event_services.registration_import(event=event, data=data, registered_at=registered_at)
    present[(event.pk, email)] = registration.pk
    return registration.pk


def _sync_profiles(specs: list[dict]) -> dict:
    """The synthetic profiles: added through network.services.profile_import (confirmed, no mail),
    a profile whose demo state was changed is reset through profile_update and its entries replaced.
    Keyed by address; the link to a registration is made once, when the profile is added."""
    names = read_yaml("topics.yaml")
    topic_ids = {topic.slug: topic.pk for topic in _topics(list(names))}
    events = {event.slug: event for event in Event.objects.filter(slug__in=MEETING_CATEGORIES)}
    present = {
        (event_id, email): pk for event_id, email, pk in Registration.objects.filter(
            event__in=events.values(), status=Registration.Status.CONFIRMED,
        ).values_list("event_id", "email_normalized", "pk")
    }
    existing = {
        profile.email_normalized: profile
        for profile in Profile.objects.filter(is_synthetic=True).prefetch_related("topics", "entries__topics")
    }
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    for spec in specs:
        data, entries = _profile_input(spec, topic_ids)
        profile = existing.get(network_services.normalize_email(spec["email"]))
        if profile is None:
            network_services.profile_import(
                email=spec["email"], data=data, entries=entries, confirmed_at=at(PROFILES_CONFIRMED_AT),
                registration_id=_meeting_registration(spec, events, present), is_synthetic=True,
            )
            counts["created"] += 1
            continue
        current, wanted = _profile_state(profile), _wanted_state(data, entries)
        if current == wanted:
            counts["unchanged"] += 1
            continue
        if current[0] != wanted[0]:
            network_services.profile_update(profile=profile, data=data)
        if current[1] != wanted[1]:
            for entry in profile.entries.all():
                network_services.profile_entry_delete(profile=profile, entry_id=entry.pk)
            for entry in entries:
                network_services.profile_entry_add(profile=profile, data=entry)
        counts["changed"] += 1
    return counts


def _session_times(event: Event, session: str) -> tuple[datetime.datetime, datetime.datetime]:
    return _item_times(event, session)


def _sync_meeting_setup(event: Event, spec: dict):
    """The event's Gesprächsbörse as the file says (setup_save only when something differs)."""
    names = {int(number): name for number, name in spec.get("table_names", {}).items()}
    data = meeting_services.SetupInput(
        enabled=True,
        sessions=tuple(meeting_services.SessionInput(*_session_times(event, session)) for session in spec["sessions"]),
        slot_minutes=spec["slot_minutes"],
        tables=tuple(meeting_services.TableInput(number=n, name=names.get(n, "")) for n in range(1, spec["tables"] + 1)),
        request_deadline=at(spec["request_deadline"]),
        max_open_requests=spec["max_open_requests"],
        max_meetings=spec["max_meetings"],
    )
    setup = MeetingSetup.objects.filter(event=event).first()
    if setup is not None:
        current = (
            setup.enabled, setup.slot_minutes, setup.request_deadline, setup.max_open_requests, setup.max_meetings,
            [(s.starts_at, s.ends_at) for s in setup.sessions.order_by("starts_at")],
            [(t.number, t.name, t.fixed_profile_id) for t in setup.tables.order_by("number")],
        )
        wanted = (
            data.enabled, data.slot_minutes, data.request_deadline, data.max_open_requests, data.max_meetings,
            [(s.starts_at, s.ends_at) for s in data.sessions],
            [(t.number, t.name, None) for t in data.tables],
        )
        if current == wanted:
            return setup, False
    return meeting_services.setup_save(event=event, data=data, actor=None), True


MEETING_BOARD_KEYS = (
    "event sessions slot_minutes tables table_names request_deadline max_open_requests max_meetings requests_from "
    "every_hours answer_hours publish schedule requests unavailable cancel_one followup"
)


def _sync_meeting_board(spec: dict) -> dict:
    """One Gesprächsbörse (network_meetings.yaml): setup, requests in their states (each pair once:
    a pair that has a request of any state is left alone), publishing, the solver's schedule."""
    check_keys(spec, MEETING_BOARD_KEYS, f"network_meetings.yaml, {spec.get('event')}")
    event = Event.objects.get(slug=spec["event"])
    setup, changed = _sync_meeting_setup(event, spec)
    profiles = {p.email_normalized: p for p in Profile.objects.filter(registrations__event=event, is_synthetic=True)}
    pairs = set(MeetingRequest.objects.filter(setup=setup).values_list("pair_low", "pair_high"))
    added = lapsing = 0
    start = at(spec["requests_from"])
    for n, request in enumerate(spec.get("requests", [])):
        check_keys(request, "from to message state", f"network_meetings.yaml, {event.slug}, Anfrage {n + 1}")
        sender, recipient = profiles.get(request["from"]), profiles.get(request["to"])
        # A profile linked to another event (the file moved it after it was created) sends nothing.
        if sender is None or recipient is None or tuple(sorted([sender.pk, recipient.pk])) in pairs:
            continue
        sent_at = start + datetime.timedelta(hours=n * spec["every_hours"])
        answered_at = sent_at + datetime.timedelta(hours=spec["answer_hours"])
        sent = meeting_services.request_send(setup=setup, sender=sender, recipient_id=recipient.pk,
                                             message=request.get("message", ""), now=sent_at)
        state = request["state"]
        if state == "accepted":
            meeting_services.request_accept(meeting_request=sent, profile=recipient, now=answered_at)
        elif state == "declined":
            meeting_services.request_decline(meeting_request=sent, profile=recipient, now=answered_at)
        elif state == "withdrawn":
            meeting_services.request_withdraw(meeting_request=sent, profile=sender, now=answered_at)
        elif state == "lapsed":
            lapsing += 1
        elif state != "pending":
            raise ValueError(f"network_meetings.yaml, {event.slug}, Anfrage {n + 1}: unbekannter Stand {state}")
        added += 1
    slots = list(setup.slots.order_by("starts_at").values_list("pk", flat=True))
    for email, numbers in spec.get("unavailable", {}).items():
        if email in profiles:  # unavailability_set changes nothing when the marks are as wanted
            meeting_services.unavailability_set(setup=setup, profile=profiles[email],
                                                slot_ids=[slots[number] for number in numbers])
    if lapsing:
        # The worker's task at the deadline, as it ran then (only setups whose deadline has passed).
        meeting_services.meeting_requests_lapse_due(now=setup.request_deadline)
    if spec.get("publish") and not setup.published:
        meeting_services.setup_publish(setup=setup, actor=None, now=at(spec["publish"]))
    if spec.get("schedule") and not ScheduleRun.objects.filter(setup=setup).exists():
        # "Alle einplanen", which the worker would run; here at once so the demo shows the schedule.
        meeting_services.schedule_run_request(setup=setup, actor=None, time_limit=spec["schedule"])
        meeting_services.meeting_schedule_runs_due(limit=1)
    if spec.get("cancel_one"):
        _cancel_one_meeting(setup, at(spec["cancel_one"]))
    if spec.get("followup"):
        _sync_meeting_followup(MeetingSetup.objects.select_related("event").get(pk=setup.pk))
    return {"changed": int(changed), "requests": added}


# The demo's follow-up answers cycle through these (a no-show is answered "no").
DEMO_COOPERATIONS = ["project", "maybe", "no", "contract", "funding", "maybe", "other", "no"]


def _sync_meeting_followup(setup: MeetingSetup) -> None:
    """After a past Gesprächsbörse, as it went then: the check-in at the tables, the follow-up mails
    (the worker's task an hour after the event) and answers a few days later. Chosen by position
    (meetings in time order, invited people by profile), not at random: of every ten meetings one
    is a no-show (recorded by the organiser), one is left unrecorded, the others were held (one of
    the two checked in); three of every five invited people answer. Only once: a setup with a
    follow-up invitation is left alone."""
    if FollowupInvitation.objects.filter(setup=setup).exists():
        return
    staff = demo_account_ensure(STAFF_USERNAME)[0]
    no_shows = set()
    meetings = Meeting.objects.filter(setup=setup, status=Meeting.Status.PLACED, published=True).select_related(
        "slot", "request__sender").order_by("slot__starts_at", "table__number", "id")
    for n, meeting in enumerate(meetings):
        checked = meeting.slot.starts_at + datetime.timedelta(minutes=3)
        if n % 10 == 3:
            meeting_services.meeting_attendance_record(
                meeting=meeting, attendance=MeetingParticipant.Attendance.NO_SHOW, actor=staff, now=checked)
            no_shows.add(meeting.pk)
        elif n % 10 != 5:
            meeting_services.meeting_attendance_report(meeting=meeting, profile=meeting.request.sender,
                                                       attendance=MeetingParticipant.Attendance.HELD, now=checked)
    ends = setup.event.ends_at
    followup_services.followup_invitations_send_due(now=ends + datetime.timedelta(hours=1))
    answered = 0
    invitations = FollowupInvitation.objects.filter(setup=setup).order_by("profile_id")
    for n, invitation in enumerate(invitations):
        if n % 5 >= 3:
            continue
        answers = []
        for meeting_id in (MeetingParticipant.objects.filter(profile_id=invitation.profile_id, meeting__setup=setup,
                                                             meeting__status=Meeting.Status.PLACED)
                           .order_by("meeting_id").values_list("meeting_id", flat=True)):
            if meeting_id in no_shows:
                answers.append(followup_services.AnswerInput(meeting_id, FollowupAnswer.Held.NO_SHOW, "no"))
            else:
                answers.append(followup_services.AnswerInput(
                    meeting_id, FollowupAnswer.Held.YES, DEMO_COOPERATIONS[answered % len(DEMO_COOPERATIONS)]))
                answered += 1
        followup_services.followup_answers_save(invitation=invitation, answers=answers,
                                                now=ends + datetime.timedelta(days=2 + n % 4, hours=n))


def _cancel_one_meeting(setup: MeetingSetup, now: datetime.datetime) -> None:
    """One agreed meeting cancelled by a participant before it begins (the earliest accepted
    request, cancelled by its recipient at `now`), so the statistics show "Vor dem Termin
    abgesagt". Only once: a setup with a cancelled request is left alone."""
    if MeetingRequest.objects.filter(setup=setup, status=MeetingRequest.Status.CANCELLED).exists():
        return
    accepted = (MeetingRequest.objects.filter(setup=setup, status=MeetingRequest.Status.ACCEPTED,
                                              meeting__slot__starts_at__gt=now)
                .select_related("recipient").order_by("id").first())
    if accepted is not None:
        meeting_services.meeting_cancel(meeting_request=accepted, profile=accepted.recipient, now=now)


def load_network(stdout=None) -> LoadResult:
    """The Netzwerk: about 200 synthetic profiles (network_profiles.yaml), those of two events'
    participants linked to a registration, and the two events' Gesprächsbörsen with requests in
    every state (network_meetings.yaml). The invented people live at beispiel.example, whose
    addresses never get a mail (core.mail.withheld)."""
    counts = _sync_profiles(read_yaml("network_profiles.yaml")["profiles"])
    requests = 0
    for spec in read_yaml("network_meetings.yaml")["gespraechsboersen"]:
        requests += _sync_meeting_board(spec)["requests"]
    result = LoadResult(**counts, requests=requests)
    if stdout is not None:
        stdout.write(
            f"Netzwerk: {result.created} Profile angelegt, {result.changed} zurückgesetzt, {result.unchanged} "
            f"unverändert; {requests} Gesprächsanfragen hinzugefügt."
        )
    return result


# The event whose synthetic participants' personal pages load_demo opens (network_meetings.yaml:
# requests in every state and a computed schedule).
DEMO_PARTICIPANT_EVENT = "wasserstoff-werkstatt-fuer-kmu-2026"


@dataclass(frozen=True)
class DemoParticipantLinks:
    """The personal pages of one synthetic participant, on settings.SITE_URL."""

    name: str
    organisation: str
    profile_url: str
    suggestions_url: str
    meetings_url: str
    meetings: int


def demo_participant_links(*, count: int = 2) -> list[DemoParticipantLinks]:
    """Fresh personal links (network.services.profile_link_issue: stored hashed, so a link printed
    once cannot be shown again) to the `count` synthetic participants of DEMO_PARTICIPANT_EVENT with
    the most planned meetings: their profile page with "Passende Partner", and the Gesprächsbörse with
    requests and agenda. Each call adds a link per person; the earlier ones keep working."""
    placed = Q(meeting_participations__meeting__setup__event__slug=DEMO_PARTICIPANT_EVENT,
               meeting_participations__meeting__status="placed")
    profiles = (Profile.objects.filter(placed, is_synthetic=True, status=Profile.Status.CONFIRMED,
                                       hidden_by_staff=False)
                .exclude(visibility=Profile.Visibility.HIDDEN)
                .annotate(meetings=Count("meeting_participations", filter=placed, distinct=True))
                .order_by("-meetings", "id")[:count])
    site = settings.SITE_URL.rstrip("/")
    links = []
    for profile in profiles:
        token = network_services.profile_link_issue(profile=profile, reason="demo")
        links.append(DemoParticipantLinks(
            name=profile.full_name, organisation=profile.organisation,
            profile_url=site + reverse("network:personal", kwargs={"token": token}),
            suggestions_url=site + reverse("network:suggestions", kwargs={"token": token}),
            meetings_url=site + reverse("network:meetings", kwargs={"token": token}),
            meetings=profile.meetings,
        ))
    return links
