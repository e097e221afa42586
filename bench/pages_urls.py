"""The public pages bench/pages.sh measures, one of each type, from the benchmark database.

    python bench/pages_urls.py OUTDIR

Prints one line per page type: `name path` for one address, or `name @file` for a file of
addresses (one a line) that wrk's bench/rotate.lua walks through, so that every request asks for
another list page or another article. One personal link (the self-service page of a registration)
is made through the registration service and read from the mail in the outbox. A page type
without data (e.g. no drawn lottery, so no draw protocol) is left out with a note on stderr.
"""

import os
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from revier.contingents.models import Contingent, DrawProtocol  # noqa: E402
from revier.monitor.models import Question, Wave  # noqa: E402
from revier.core.models import OutboxMail  # noqa: E402
from revier.events import services as event_services  # noqa: E402
from revier.events.models import Event, ProgramItem, Speaker, TicketCategory  # noqa: E402
from revier.network.models import Profile  # noqa: E402
from revier.news.models import Topic  # noqa: E402
from revier.news.selectors import article_published  # noqa: E402
from revier.pages.models import Page  # noqa: E402

PERSONAL_LINK = re.compile(r"(/veranstaltungen/anmeldung/[A-Za-z0-9_-]+/)")


def _paths(out: Path, name: str, paths: list[str]) -> str:
    path = out / f"paths-{name}.txt"
    path.write_text("".join(f"{p}\n" for p in paths))
    return f"@{path}"


def _personal_link(event: Event) -> str | None:
    category = TicketCategory.objects.filter(event=event).order_by("position", "id").first()
    if category is None:
        return None
    email = "bench-persoenlich@example.org"
    before = OutboxMail.objects.filter(to__icontains=email).values_list("pk", flat=True)
    known = set(before)
    event_services.registration_create(
        event=event,
        data=event_services.RegistrationInput(
            category_id=category.pk, first_name="Bench", last_name="Persönlich", email=email, sector="kmu",
            organisation="Bench GmbH", function="", answers={}, consents=frozenset(), join_waitlist=True,
        ),
    )
    for mail in OutboxMail.objects.filter(to__icontains=email).exclude(pk__in=known).order_by("-pk"):
        found = PERSONAL_LINK.search(mail.body_text or "")
        if found:
            return found.group(1)
    return None


def main():
    out = Path(sys.argv[1])
    rows: list[tuple[str, str]] = [("ceiling", "/healthz"), ("home", "/")]

    slugs = list(article_published().values_list("slug", flat=True))
    random.Random(1).shuffle(slugs)
    pages = -(-len(slugs) // settings.NEWS_PAGE_SIZE)
    rows.append(("news-list", "/aktuelles/"))
    rows.append(("news-list-pages", _paths(out, "news-list", [f"/aktuelles/?page={n}" for n in range(1, pages + 1)])))
    topic = Topic.objects.order_by("position", "name").first()
    if topic:
        rows.append(("news-topic", f"/aktuelles/?thema={topic.slug}"))
    rows.append(("news-articles", _paths(out, "news-detail", [f"/aktuelles/{slug}/" for slug in slugs])))
    rows.append(("news-search-rare", "/aktuelles/?q=Radschnellweg"))
    rows.append(("news-search-common", "/aktuelles/?q=Wasserstoffs"))
    rows.append(("news-feed-rss", "/aktuelles/feed/rss/"))

    rows.append(("event-list", "/veranstaltungen/"))
    rows.append(("event-list-past", "/veranstaltungen/vergangene/"))
    big = Event.objects.filter(slug="bench-programm").first()
    if big:
        rows.append(("event-page-40-items", big.get_absolute_url()))
        item = ProgramItem.objects.filter(event=big).order_by("starts_at", "id").first()
        rows.append(("event-ics", reverse("events:ics", args=[big.slug])))
        if item:
            rows.append(("program-item-ics", reverse("events:item-ics", args=[big.slug, item.pk])))
    small = (
        Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .exclude(slug__startswith="bench-").order_by("starts_at").first()
    )
    if small:
        rows.append(("event-page", small.get_absolute_url()))
    speaker = Speaker.objects.filter(program_items__event__status=Event.Status.PUBLISHED).order_by("pk").first()
    if speaker:
        rows.append(("speaker", speaker.get_absolute_url()))
    rows.append(("events-feed-ics", reverse("events:feed-ics")))
    rush = Event.objects.filter(slug="bench-ansturm-50").first()
    if rush:
        rows.append(("registration-form", reverse("events:register", args=[rush.slug])))
    unlimited = Event.objects.filter(slug="bench-ansturm-unbegrenzt").first()
    try:
        link = _personal_link(unlimited) if unlimited else None
    except Exception as error:  # the other pages are still worth measuring
        print(f"# the personal link could not be made ({error!r})", file=sys.stderr)
        link = None
    if link:
        rows.append(("registration-personal-link", link))
    else:
        print("# no personal link found: the self-service page is not measured", file=sys.stderr)

    rows.append(("contingent-list", reverse("contingents:list")))
    contingent = Contingent.objects.filter(status=Contingent.Status.PUBLISHED).order_by("-pk").first()
    if contingent:
        rows.append(("contingent-page", reverse("contingents:detail", args=[contingent.slug])))
    protocol = DrawProtocol.objects.filter(contingent__status=Contingent.Status.PUBLISHED).first()
    if protocol:
        rows.append(("draw-protocol", reverse("contingents:protocol", args=[protocol.contingent.slug])))
    else:
        print("# no drawn lottery in the database: the draw protocol is not measured", file=sys.stderr)

    page = Page.objects.order_by("pk").first()
    if page:
        rows.append(("page", reverse("pages:detail", args=[page.slug])))
    rows.append(("contact-form", reverse("pages:contact")))
    rows.append(("report-barrier-form", reverse("pages:report-barrier")))
    # The Monitor (issue 11), with the demo's survey from load_demo: start page, a question, a wave's
    # methods, the reading guide.
    rows.append(("monitor", reverse("monitor:home")))
    question = Question.objects.filter(headline_position__isnull=False).select_related("survey").order_by(
        "headline_position").first()
    if question:
        rows.append(("monitor-question", question.get_absolute_url()))
        wave = Wave.objects.filter(survey=question.survey, status=Wave.Status.PUBLISHED).order_by("-year").first()
        rows.append(("monitor-methods", reverse("monitor:methods", args=[question.survey.slug, wave.year])))
    else:
        print("# no Monitor survey in the database: its question and methods pages are not measured", file=sys.stderr)
    rows.append(("monitor-reading", reverse("monitor:reading")))
    # The network (issue 10): landing page, directory, a search, a public profile, "Profil anlegen".
    rows.append(("network", reverse("network:index")))
    rows.append(("network-directory", reverse("network:directory")))
    rows.append(("network-search", reverse("network:directory") + "?q=Wasserstoff"))
    profile = Profile.objects.filter(
        status=Profile.Status.CONFIRMED, visibility=Profile.Visibility.PUBLIC, hidden_by_staff=False
    ).order_by("pk").first()
    if profile:
        rows.append(("network-profile", profile.get_absolute_url()))
    else:
        print("# no public profile in the database: the profile page is not measured", file=sys.stderr)
    rows.append(("network-create-form", reverse("network:create")))
    rows.append(("sitemap", "/sitemap.xml"))
    for name, target in rows:
        print(name, target)


if __name__ == "__main__":
    main()
