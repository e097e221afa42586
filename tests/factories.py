"""Factories for all apps' tests. They go through the services, as real data does."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from revier.core.models import Topic
from revier.news import services as news_services
from revier.news.models import Article, ArticleLink


PASSWORD = "ein-sicheres-Passwort-123"  # every UserFactory user's


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


def totp_code(device, *, fresh: bool = False) -> str:
    """The code that the authenticator app of `device` (a django-otp TOTP device) shows now,
    computed with django-otp's own TOTP. With `fresh`, a code the device has not accepted yet: if
    this time step's code is used up (a second login within 30 seconds), the next step's, which
    the device accepts too (one step of tolerance)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if fresh:
        device.refresh_from_db()
        ahead = device.last_t + 1 - totp.t()
        if ahead > 1:  # even the next step's code is used up: wait for the step after it
            time.sleep((ahead - 1) * device.step)
            totp.time = time.time()
            ahead = device.last_t + 1 - totp.t()
        totp.time += max(ahead, 0) * device.step
    return f"{totp.token():0{device.digits}d}"


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


# --- events -------------------------------------------------------------------------------------

from revier.events import services as event_services  # noqa: E402
from revier.events.models import Event, ProgramItem, Question, Speaker, TicketCategory  # noqa: E402


class EventFactory(factory.django.DjangoModelFactory):
    """A published event in 30 days with open registration; add categories with TicketCategoryFactory."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Fachtag Strukturwandel {n}")
    slug = ""
    # 9:00 local time in 30 days: the day's program (7 hours, items an hour later) never crosses midnight,
    # whatever the time the suite runs at.
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + datetime.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    venue_name = "Kulturhaus Leuna"
    street = "Spergauer Straße 41a"
    postcode = "06237"
    city = "Leuna"
    description = "Ein Tag mit **Vorträgen** und Gesprächen."
    status = Event.Status.PUBLISHED
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return event_services.event_save(event=model_class(*args, **kwargs))


class TicketCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketCategory

    event = factory.SubFactory(EventFactory)
    name = "Teilnahme vor Ort"
    capacity = 20

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return event_services.ticket_category_save(category=model_class(*args, **kwargs))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Kim Beispiel {n}")
    slug = factory.Sequence(lambda n: f"kim-beispiel-{n}")
    function = "Geschäftsführerin"
    organisation = "Beispiel GmbH"


class ProgramItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Vortrag {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    text = "Welche Themen interessieren Sie?"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return event_services.question_save(question=model_class(*args, **kwargs))


def registration_input(category, n=0, **overrides):
    """The data of one person registering, as the form would hand it to the service."""
    values = {
        "category_id": category.pk,
        "first_name": "Alex",
        "last_name": f"Muster{n}",
        "email": f"alex{n}@example.org",
        "sector": "kmu",
        "organisation": "Muster GmbH",
        "function": "Inhaberin",
    }
    values.update(overrides)
    return event_services.RegistrationInput(**values)


# --- contingents --------------------------------------------------------------------------------

from revier.contingents import services as contingent_services  # noqa: E402
from revier.contingents.models import Contingent, EligibilityQuestion  # noqa: E402


class ContingentFactory(factory.django.DjangoModelFactory):
    """An open first-come contingent of 5 tickets for a partner fair; codes: `with_codes(contingent, n)`."""

    class Meta:
        model = Contingent

    title = factory.Sequence(lambda n: f"Freikarten Partnermesse {n}")
    partner_event_title = "W3+ FAIR JENA"
    partner_event_starts_on = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=60)).date())
    partner_event_ends_on = factory.LazyAttribute(lambda o: o.partner_event_starts_on + datetime.timedelta(days=1))
    partner_event_place = "Jena"
    partner_name = "Messe Jena GmbH"
    partner_url = "https://example.org/messe"
    size = 5
    status = Contingent.Status.PUBLISHED
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return contingent_services.contingent_save(contingent=model_class(*args, **kwargs))


class EligibilityQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityQuestion

    contingent = factory.SubFactory(ContingentFactory)
    text = "Ist Ihr Unternehmen in der Metropolregion ansässig?"
    accepted_answers = "Ja"


def with_codes(contingent, n, prefix="CODE"):
    report = contingent_services.codes_import(
        contingent=contingent, text="\n".join(f"{prefix}-{i:04d}" for i in range(n)), actor=None
    )
    assert report.ok, report
    return report


def claim_input(n=0, **overrides):
    values = {
        "first_name": "Robin",
        "last_name": f"Beispiel{n}",
        "email": f"robin{n}@example.org",
        "organisation": f"Firma {n} GmbH",
        "privacy_consent": True,
    }
    values.update(overrides)
    return contingent_services.ClaimInput(**values)


# --- network ------------------------------------------------------------------------------------

import re  # noqa: E402

from revier.core.models import OutboxMail  # noqa: E402
from revier.network import services as network_services  # noqa: E402


def profile_input(n=0, **overrides):
    """What a person enters for a profile, as the form hands it to the service."""
    values = {
        "first_name": "Kim",
        "last_name": f"Beispiel{n}",
        "organisation": f"Elektrolyse Zeitz GmbH {n}",
        "kind": "kmu",
        "region": "mitteldeutsch",
        "function": "Geschäftsführerin",
        "district": "Burgenlandkreis",
        "description": "Wir bauen Komponenten für Elektrolyseure.",
        "phone": "+49 3441 123456",
        "visibility": "public",
    }
    values.update(overrides)
    return network_services.ProfileInput(**values)


def mailed_link(email: str, pattern: re.Pattern) -> str:
    """The address matching `pattern` in the newest mail to `email` that has one."""
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to and (match := pattern.search(mail.body_text)):
            return match.group(0)
    raise AssertionError(f"no link {pattern.pattern} mailed to {email}")


def profile_token(email: str) -> str:
    """The token of the newest personal link mailed to `email`."""
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = re.search(r"/netzwerk/mein-profil/([A-Za-z0-9_-]+)/", mail.body_text)
            if match:
                return match.group(1)
    raise AssertionError(f"no personal link mailed to {email}")


def make_profile(n=0, *, confirmed=True, email=None, entries=(), topics=(), **overrides):
    """A profile made through the services (confirmed unless asked otherwise); returns (profile, token)."""
    email = email or f"kim{n}@example.org"
    data = profile_input(n, topic_ids=tuple(topic.pk for topic in topics), **overrides)
    profile = network_services.profile_create(email=email, data=data, entries=entries).profile
    token = profile_token(email)
    if confirmed:
        profile = network_services.profile_confirm(token=token)
    return profile, token


# --- network: Gesprächsbörse --------------------------------------------------------------------

from revier.network.meetings import services as meeting_services  # noqa: E402


def confirmed_registration(event, n, *, category=None):
    """A confirmed registration of `event` (through the events' services)."""
    category = category or event.categories.first() or TicketCategoryFactory(event=event, capacity=None)
    email = f"teilnahme{n}@example.org"
    event_services.registration_create(event=event, data=registration_input(category, n, email=email))
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = re.search(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/", mail.body_text)
            if match:
                return event_services.registration_confirm(token=match.group(1))
    raise AssertionError("no registration link mailed")


def make_participant(event, n, **overrides):
    """A participant of the event's Gesprächsbörse: a confirmed registration with a confirmed
    profile linked to it. Returns (profile, profile token)."""
    registration = confirmed_registration(event, n)
    email = f"boerse{n}@example.org"
    network_services.profile_create(email=email, data=profile_input(n, **overrides), registration_id=registration.pk)
    token = profile_token(email)
    return network_services.profile_confirm(token=token), token


def meeting_setup_input(event, *, sessions=((10, 0, 12, 0),), slot_minutes=15, tables=3, enabled=True,
                        deadline=None, max_open_requests=10, max_meetings=None):
    """A setup on the event's day: sessions as (from hour, minute, to hour, minute) local time."""
    day = timezone.localtime(event.starts_at)
    session_inputs = tuple(
        meeting_services.SessionInput(starts_at=day.replace(hour=h1, minute=m1), ends_at=day.replace(hour=h2, minute=m2))
        for h1, m1, h2, m2 in sessions
    )
    return meeting_services.SetupInput(
        enabled=enabled, sessions=session_inputs, slot_minutes=slot_minutes,
        tables=tuple(meeting_services.TableInput(number=n) for n in range(1, tables + 1)),
        request_deadline=deadline or day - datetime.timedelta(days=1),
        max_open_requests=max_open_requests, max_meetings=max_meetings,
    )


def make_meeting_setup(event=None, **kwargs):
    event = event or EventFactory()
    return meeting_services.setup_save(event=event, data=meeting_setup_input(event, **kwargs), actor=None)


def make_running_meetings(*, people=4, tables=3, title="Fachtag heute"):
    """A Gesprächsbörse running now, published: one session of six 15-minute slots that began 20
    minutes ago (the first slot is over, the second runs, the third is next). Four participants
    A, B, C, D meet in pairs: A–B and C–D in the first slot, A–C and B–D in the running one, A–D in
    the next. Returns a dict with event, setup, people [(profile, token)], slots, meetings by pair."""
    from revier.events.models import Event

    event = EventFactory(title=title)
    participants = [make_participant(event, n) for n in range(people)]
    start = (timezone.now() - datetime.timedelta(minutes=20)).replace(second=0, microsecond=0)
    Event.objects.filter(pk=event.pk).update(starts_at=start - datetime.timedelta(hours=1),
                                             ends_at=start + datetime.timedelta(hours=5))
    event.refresh_from_db()
    data = meeting_services.SetupInput(
        enabled=True,
        sessions=(meeting_services.SessionInput(starts_at=start, ends_at=start + datetime.timedelta(minutes=90)),),
        slot_minutes=15, tables=tuple(meeting_services.TableInput(number=n) for n in range(1, tables + 1)),
        request_deadline=start - datetime.timedelta(hours=1), max_meetings=4,
    )
    setup = meeting_services.setup_save(event=event, data=data, actor=None)
    before = start - datetime.timedelta(hours=2)
    meeting_services.setup_publish(setup=setup, actor=None, now=before)
    a, b, c, d = (profile for profile, _token in participants[:4])
    meetings = {}
    for name, (x, y) in {"ab": (a, b), "cd": (c, d), "ac": (a, c), "bd": (b, d), "ad": (a, d)}.items():
        meeting_request = meeting_services.request_send(setup=setup, sender=x, recipient_id=y.pk, now=before)
        meetings[name] = meeting_services.request_accept(meeting_request=meeting_request, profile=y, now=before)
    return {"event": event, "setup": setup, "people": participants, "slots": list(setup.slots.all()),
            "meetings": meetings, "start": start}


# --- monitor ------------------------------------------------------------------------------------
# Results pages read stored estimates only, so their tests build Estimate rows directly (the numbers
# as weighting.estimates would store them) instead of importing microdata.

MONITOR_DISTRICTS = (
    ("14713", "Stadt Leipzig", "Sachsen"), ("14729", "Landkreis Leipzig", "Sachsen"), ("14730", "Nordsachsen", "Sachsen"),
    ("15002", "Stadt Halle (Saale)", "Sachsen-Anhalt"), ("15082", "Anhalt-Bitterfeld", "Sachsen-Anhalt"),
    ("15084", "Burgenlandkreis", "Sachsen-Anhalt"), ("15087", "Mansfeld-Südharz", "Sachsen-Anhalt"),
    ("15088", "Saalekreis", "Sachsen-Anhalt"), ("16077", "Altenburger Land", "Thüringen"),
)
SATISFACTION_LABELS = {
    "1": "sehr zufrieden", "2": "eher zufrieden", "3": "teils/teils", "4": "eher unzufrieden", "5": "sehr unzufrieden",
    "9": "weiß nicht / keine Angabe",
}


class MonitorSurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Survey"
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"monitor-{n}")
    name = factory.Sequence(lambda n: f"Revier-Monitor {n}")
    description = "Die jährliche Bevölkerungsbefragung im Revier."


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Region"
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{99000 + n}")
    name = factory.Sequence(lambda n: f"Kreis {n}")
    state = "Sachsen"


class MonitorQuestionFactory(factory.django.DjangoModelFactory):
    """A five-point satisfaction question with "weiß nicht" (9); top box 1–2."""

    class Meta:
        model = "monitor.Question"

    survey = factory.SubFactory(MonitorSurveyFactory)
    code = factory.Sequence(lambda n: f"q{n}_zufriedenheit")
    wording = "Wie zufrieden sind Sie insgesamt mit Ihrer persönlichen Lebenssituation?"
    short_label = factory.Sequence(lambda n: f"Zufriedenheit {n}")
    scale = "5-stufig"
    answer_labels = factory.LazyFunction(lambda: dict(SATISFACTION_LABELS))
    top_box_codes = factory.LazyFunction(lambda: ["1", "2"])
    top_box_label = "(sehr) zufrieden"
    missing_codes = factory.LazyFunction(lambda: ["9"])
    position = factory.Sequence(lambda n: n)


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Wave"

    survey = factory.SubFactory(MonitorSurveyFactory)
    year = 2025
    status = "published"
    field_start = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 22))
    field_end = factory.LazyAttribute(lambda o: datetime.date(o.year, 4, 5))
    mode = "Online-Access-Panel mit Quoten"
    universe = "Wohnbevölkerung ab 16 Jahren in den neun Kreisen und kreisfreien Städten des Reviers"
    quotas = "Alter, Geschlecht, Bildung und Region"
    margins_source = "Statistische Landesämter, Bevölkerung am 31.12.2023 (Zensus-2022-Basis); Aufteilung modelliert"
    n = 2003
    min_cell = 30


def monitor_distribution(question, *, n: int, p: float, missing: float = 0.03) -> dict:
    """A plausible {code: [n, share of all answers]} for a share p among the valid answers."""
    codes = [code for code in question.answer_labels if code not in question.missing_codes]
    top = [code for code in codes if code in question.top_box_codes]
    rest = [code for code in codes if code not in question.top_box_codes]
    shares = {code: (1 - missing) * p / len(top) for code in top}
    shares.update({code: (1 - missing) * (1 - p) / len(rest) for code in rest})
    shares.update({code: missing / len(question.missing_codes) for code in question.missing_codes})
    total = round(n / (1 - missing))
    return {code: [round(total * share), share] for code, share in shares.items()}


def monitor_estimate(*, wave, question, p: float, n: int = 2000, group_var: str = "all", group_value: str = "", deff: float = 1.3):
    """One stored estimate: share p from n valid answers with design effect deff (the Wilson interval
    with n_eff = n / deff, as weighting.estimates computes it)."""
    from revier.monitor.models import Estimate
    from revier.monitor.weighting import wilson_interval

    n_eff = n / deff if n else None
    lo, hi = wilson_interval(p, n_eff) if n else (None, None)
    return Estimate.objects.create(
        wave=wave, question=question, group_var=group_var, group_value=group_value, n=n, sum_w=float(n),
        p_unweighted=p if n else None, p=p if n else None, n_eff=n_eff, deff_kish=deff if n else None,
        wilson_lo=lo, wilson_hi=hi,
        distribution=monitor_distribution(question, n=n, p=p) if group_var == "all" and n else {},
    )


def make_monitor_wave(*, survey, year, questions, shares=None, n=2000, status="published", small_district=None, respondents=0):
    """A wave with stored estimates for every question, overall and by every group variable
    (the nine districts, their states, sex, five age groups, three education levels). `shares`:
    {question code: overall share}, default 0.6; `small_district`: a district code with only 12
    valid answers (suppressed); `respondents`: as many Respondent rows (pages must not read them)."""
    from revier.monitor.models import Respondent

    for code, name, state in MONITOR_DISTRICTS:
        RegionFactory(code=code, name=name, state=state)
    wave = WaveFactory(survey=survey, year=year, status=status, n=n)
    groups = [("district_code", code) for code, _name, _state in MONITOR_DISTRICTS]
    groups += [("state", state) for state in ("Sachsen", "Sachsen-Anhalt", "Thüringen")]
    groups += [("sex", "1"), ("sex", "2")] + [("age_group", str(i)) for i in range(1, 6)] + [("education", str(i)) for i in range(1, 4)]
    for question in questions:
        p = (shares or {}).get(question.code, 0.6)
        monitor_estimate(wave=wave, question=question, p=p, n=n)
        for i, (group_var, value) in enumerate(groups):
            size = 12 if (group_var, value) == ("district_code", small_district) else max(40, n // 9)
            monitor_estimate(wave=wave, question=question, p=min(0.95, max(0.05, p + (i % 5 - 2) * 0.03)), n=size,
                             group_var=group_var, group_value=value)
    Respondent.objects.bulk_create(
        Respondent(wave=wave, resp_id=f"W{year}-{i:05d}", characteristics={"district_code": "14713"},
                   answers={q.code: "1" for q in questions}) for i in range(respondents)
    )
    return wave
