"""Demo content of "Freikarten": the seed's 50 free tickets for the W3+ FAIR JENA 2025 (past, all
handed out), an open first-come contingent for an upcoming partner fair (a few tickets already
handed out, so "noch 16 von 20" can be tried at once) and an open lottery with a few applications.

`load(stdout)` is idempotent like the news and events demos: contingents are keyed by slug,
questions by text, codes by their value, claims by e-mail address. A contingent that matches its
demo state is not written again (`updated_at` stays); one that was changed is reset. Codes and
claims are only added, never changed or removed (a claim staff revoked is not added again). All
dates are fixed (not relative to today), so a second run finds the same state; the two open
contingents close in February and January 2027.

Facts about the fair (name, dates, place, the 50 tickets the Europäische Metropolregion
Mitteldeutschland provides as a partner of the fair) come from the seed article; the fair's
organiser is not named there, so the demo names its role. The codes (W3-DEMO-0001 …) and the
people who claimed them are invented (example.org addresses); the two other partner events are
invented too. Everything but the fair's facts is marked `is_generated`.
"""

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from revier.contingents import errors, services
from revier.contingents.models import Claim, Contingent, EligibilityQuestion, TicketCode
from revier.events.demo import DEMO_ORGANISATIONS, FIRST_NAMES, LAST_NAMES

BERLIN = ZoneInfo("Europe/Berlin")
Mode = Contingent.Mode
Status = Claim.Status

FAIR_SLUG = "w3-fair-jena-2025"
CIRCULAR_SLUG = "fachmesse-kreislaufwirtschaft-leipzig-2027"
LOTTERY_SLUG = "innovationstag-lausitz-2027"
FAIR_QUESTION = "Ist Ihr Unternehmen oder Ihre Einrichtung in Mitteldeutschland ansässig?"


def _at(value: str) -> datetime.datetime:
    """'2025-08-21 09:00' in Berlin time."""
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)


@dataclass(frozen=True)
class DemoQuestion:
    text: str
    kind: str = EligibilityQuestion.Kind.YES_NO
    choices: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ("Ja",)
    required: bool = True


@dataclass(frozen=True)
class DemoClaim:
    first_name: str
    last_name: str
    email: str
    organisation: str
    claimed_at: datetime.datetime
    partner_consent: bool
    answers: tuple[tuple[str, str], ...]  # (question text, answer)


@dataclass(frozen=True)
class DemoContingent:
    slug: str
    title: str
    description: str
    partner_event_title: str
    partner_event_starts_on: datetime.date
    partner_event_ends_on: datetime.date
    partner_event_place: str
    partner_name: str
    partner_url: str
    size: int
    mode: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    code_prefix: str = ""  # "": no codes, the partner gets a list of names
    questions: tuple[DemoQuestion, ...] = ()
    claims: tuple[DemoClaim, ...] = field(default=(), compare=False)
    is_generated: bool = True

    @property
    def codes(self) -> list[str]:
        return [f"{self.code_prefix}-{n:04d}" for n in range(1, self.size + 1)] if self.code_prefix else []


def _ascii(text: str) -> str:
    for umlaut, plain in (("ß", "ss"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, plain)
    return text.lower()


def _claims(*, tag: str, seed: int, count: int, offset: int, start: str, every_hours: int,
            answers: tuple[tuple[str, str], ...] = ()) -> tuple[DemoClaim, ...]:
    """`count` invented people who claimed a ticket from `start` on, about every `every_hours`
    hours; the same seed always gives the same people, and the tag and number make every address
    unique."""
    rng = random.Random(seed)
    result = []
    for n in range(count):
        first = FIRST_NAMES[(n + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(5 * n + offset) % len(LAST_NAMES)]
        organisation = rng.choice(DEMO_ORGANISATIONS)[0]
        result.append(DemoClaim(
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}.{tag}{n + 1:02d}@example.org",
            organisation=organisation,
            claimed_at=_at(start) + datetime.timedelta(hours=n * every_hours + rng.randint(0, every_hours - 1),
                                                       minutes=rng.randint(0, 59)),
            partner_consent=n % 3 != 2,
            answers=answers,
        ))
    return tuple(result)


FAIR = DemoContingent(
    slug=FAIR_SLUG,
    title="W3+ FAIR JENA 2025",
    description=(
        "Am 24. und 25. September 2025 bringt die W3+ FAIR JENA 2025 führende Köpfe und Technologien aus den "
        "Bereichen Optik, Photonik, Elektronik und Mechanik zusammen. Als Partner der Veranstaltung stellt die "
        "Europäische Metropolregion Mitteldeutschland **50 kostenfreie Tickets** zur Verfügung.\n\n"
        "Die Tickets werden in der Reihenfolge der bestätigten Anfragen vergeben, solange der Vorrat reicht: "
        "ein Ticket pro E-Mail-Adresse, für Unternehmen und Einrichtungen aus Mitteldeutschland. Ihren "
        "Ticketcode erhalten Sie per E-Mail, sobald Sie Ihre Adresse bestätigt haben.\n\n"
        "*Hinweis zur Demo: Messe, Daten und die 50 Tickets stammen aus der Meldung; die Ticketcodes und die "
        "Personen, die ein Ticket erhalten haben, sind erfunden.*"
    ),
    partner_event_title="W3+ FAIR JENA 2025",
    partner_event_starts_on=datetime.date(2025, 9, 24),
    partner_event_ends_on=datetime.date(2025, 9, 25),
    partner_event_place="Jena",
    partner_name="Veranstalter der W3+ FAIR JENA 2025",
    partner_url="",
    size=50,
    mode=Mode.FIRST_COME,
    opens_at=_at("2025-08-21 09:00"),  # the day of the seed article
    closes_at=_at("2025-09-19 12:00"),
    code_prefix="W3-DEMO",
    questions=(DemoQuestion(FAIR_QUESTION),),
    claims=_claims(tag="w3-", seed=2025, count=50, offset=3, start="2025-08-21 09:00", every_hours=4,
                   answers=((FAIR_QUESTION, "Ja"),)),
    is_generated=True,  # the claimants are generated
)

CIRCULAR_QUESTION = "In welchem Bereich ist Ihr Unternehmen oder Ihre Einrichtung tätig?"
CIRCULAR = DemoContingent(
    slug=CIRCULAR_SLUG,
    title="Fachmesse Kreislaufwirtschaft Leipzig 2027",
    description=(
        "Die Fachmesse zeigt, wie Betriebe Rohstoffe im Kreislauf führen: Recycling von Batterien und "
        "Baustoffen, Reparatur, Rücknahmesysteme und Sekundärrohstoffe aus dem Revier. Als Partner der Messe "
        "geben wir **20 kostenfreie Fachbesuchertickets** weiter.\n\n"
        "- ein Ticket pro E-Mail-Adresse, in der Reihenfolge der bestätigten Anfragen\n"
        "- Ihren Ticketcode erhalten Sie per E-Mail, sobald Sie Ihre Adresse bestätigt haben\n"
        "- sind alle Tickets vergeben, können Sie sich auf die Warteliste setzen; wird ein Ticket "
        "zurückgegeben, rücken Sie automatisch nach\n\n"
        "*Demo-Kontingent: Messe, Partner und Codes sind erfunden.*"
    ),
    partner_event_title="Fachmesse Kreislaufwirtschaft Leipzig 2027",
    partner_event_starts_on=datetime.date(2027, 3, 17),
    partner_event_ends_on=datetime.date(2027, 3, 18),
    partner_event_place="Leipzig",
    partner_name="Beispiel Messegesellschaft Leipzig (Demo)",
    partner_url="https://messe.example.org/kreislaufwirtschaft-2027",
    size=20,
    mode=Mode.FIRST_COME,
    opens_at=_at("2026-11-01 09:00"),
    closes_at=_at("2027-02-28 18:00"),
    code_prefix="KW-DEMO",
    questions=(
        DemoQuestion(
            CIRCULAR_QUESTION, kind=EligibilityQuestion.Kind.CHOICE,
            choices=("Produktion", "Entsorgung und Recycling", "Bau", "Forschung und Lehre", "Verwaltung", "Sonstiges"),
            accepted=(), required=False,
        ),
    ),
    claims=_claims(tag="kw-", seed=2027, count=4, offset=11, start="2026-11-02 08:00", every_hours=60,
                   answers=((CIRCULAR_QUESTION, "Entsorgung und Recycling"),)),
)

LOTTERY_QUESTION = "Ist Ihr Unternehmen oder Ihre Einrichtung in der Lausitz ansässig?"
LOTTERY = DemoContingent(
    slug=LOTTERY_SLUG,
    title="Innovationstag Lausitz 2027",
    description=(
        "Beim Innovationstag Lausitz stellen Betriebe, Hochschulen und Start-ups neue Produkte und "
        "Verfahren aus der Region vor. Der Veranstalter stellt **10 kostenfreie Plätze** für Unternehmen "
        "und Einrichtungen aus der Lausitz zur Verfügung.\n\n"
        "Die Plätze werden **verlost**: Bewerben Sie sich bis zum 31. Januar 2027. Danach ziehen wir die "
        "Gewinnerinnen und Gewinner; das Losprotokoll wird veröffentlicht, jede und jeder kann die Ziehung "
        "nachrechnen. Wer gezogen wird, bestätigt den Platz innerhalb von drei Tagen; der Veranstalter "
        "setzt die Namen auf seine Gästeliste (es gibt keine Ticketcodes).\n\n"
        "*Demo-Kontingent: Veranstaltung und Veranstalter sind erfunden.*"
    ),
    partner_event_title="Innovationstag Lausitz 2027",
    partner_event_starts_on=datetime.date(2027, 3, 10),
    partner_event_ends_on=datetime.date(2027, 3, 10),
    partner_event_place="Cottbus",
    partner_name="Innovationsnetzwerk Lausitz (Demo)",
    partner_url="https://lausitz.example.org/innovationstag-2027",
    size=10,
    mode=Mode.LOTTERY,
    opens_at=_at("2026-11-01 09:00"),
    closes_at=_at("2027-01-31 23:59"),
    questions=(DemoQuestion(LOTTERY_QUESTION),),
    claims=_claims(tag="lt-", seed=2028, count=6, offset=17, start="2026-11-03 10:00", every_hours=48,
                   answers=((LOTTERY_QUESTION, "Ja"),)),
)

CONTINGENTS = [FAIR, CIRCULAR, LOTTERY]


# --- Loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    created: int
    changed: int
    unchanged: int
    codes: int
    claims: int


def _sync_fields(obj, wanted: dict) -> bool:
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(obj, name, value)
    return changed


def _sync_contingent(spec: DemoContingent) -> tuple[Contingent, str]:
    contingent = Contingent.objects.filter(slug=spec.slug).first()
    created = contingent is None
    contingent = contingent or Contingent(slug=spec.slug)
    wanted = {
        "title": spec.title,
        "description": spec.description,
        "status": Contingent.Status.PUBLISHED,
        "event_id": None,
        "partner_event_title": spec.partner_event_title,
        "partner_event_starts_on": spec.partner_event_starts_on,
        "partner_event_ends_on": spec.partner_event_ends_on,
        "partner_event_place": spec.partner_event_place,
        "partner_name": spec.partner_name,
        "partner_url": spec.partner_url,
        "size": spec.size,
        "mode": spec.mode,
        "uses_codes": bool(spec.code_prefix),
        "opens_at": spec.opens_at,
        "closes_at": spec.closes_at,
        "accept_hours": 72,
        "hold_hours": 48,
        "one_per_organisation": False,
        "is_generated": spec.is_generated,
    }
    changed = _sync_fields(contingent, wanted)
    if changed:
        contingent = services.contingent_save(contingent=contingent)
    changed |= _sync_questions(contingent, spec)
    return contingent, "created" if created else ("changed" if changed else "unchanged")


def _sync_questions(contingent: Contingent, spec: DemoContingent) -> bool:
    """Brings the demo questions to their demo state; questions staff added are left alone."""
    changed = False
    existing = {question.text: question for question in contingent.questions.all()}
    for position, question_spec in enumerate(spec.questions):
        question = existing.get(question_spec.text) or EligibilityQuestion(contingent=contingent, text=question_spec.text)
        wanted = {
            "kind": question_spec.kind,
            "choices": "\n".join(question_spec.choices),
            "accepted_answers": "\n".join(question_spec.accepted),
            "required": question_spec.required,
            "position": position,
        }
        if _sync_fields(question, wanted):
            services.eligibility_question_save(question=question)
            changed = True
    return changed


def _add_codes(contingent: Contingent, spec: DemoContingent) -> int:
    present = set(TicketCode.objects.filter(contingent=contingent).values_list("code", flat=True))
    missing = [code for code in spec.codes if code not in present]
    if not missing:
        return 0
    report = services.codes_import(contingent=contingent, text="\n".join(missing), actor=None)
    return report.added


def _add_claims(contingent: Contingent, spec: DemoContingent) -> int:
    """Adds the demo claimants that are missing (by address, whatever their status now)."""
    questions = {question.text: question for question in contingent.questions.all()}
    present = set(Claim.objects.filter(contingent=contingent).values_list("email_normalized", flat=True))
    status = Status.APPLIED if spec.mode == Mode.LOTTERY else Status.ALLOCATED
    added = 0
    for claim_spec in spec.claims:
        if services.normalize_email(claim_spec.email) in present:
            continue
        data = services.ClaimInput(
            first_name=claim_spec.first_name,
            last_name=claim_spec.last_name,
            email=claim_spec.email,
            organisation=claim_spec.organisation,
            answers={str(questions[text].pk): answer for text, answer in claim_spec.answers},
            privacy_consent=True,
            partner_consent=claim_spec.partner_consent,
        )
        try:
            services.claim_import(contingent=contingent, data=data, status=status, claimed_at=claim_spec.claimed_at)
        except errors.ClaimError:
            continue  # e.g. staff revoked codes meanwhile and none is left: the demo adds what fits
        added += 1
    return added


def load(stdout=None) -> LoadResult:
    """Loads the demo contingents. Idempotent: a second run writes nothing."""
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    codes = claims = 0
    with transaction.atomic():
        for spec in CONTINGENTS:
            contingent, outcome = _sync_contingent(spec)
            counts[outcome] += 1
            codes += _add_codes(contingent, spec)
            claims += _add_claims(contingent, spec)
    result = LoadResult(**counts, codes=codes, claims=claims)
    if stdout is not None:
        stdout.write(
            f"Freikarten: {result.created} Kontingente angelegt, {result.changed} aktualisiert, {result.unchanged} "
            f"unverändert; {result.codes} Codes und {result.claims} Anträge hinzugefügt."
        )
    return result
