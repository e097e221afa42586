"""Monitor questions in the portal's search (core.site_search): the questions with a result in a
published wave (what monitor.selectors.question_published tells one by one), with their survey and
the overall share of their latest published wave ("2025: 62 % (sehr) zufrieden"; none where the wave
suppresses it), read in two queries once per content generation into a StemIndex. Aggregates only,
as the public pages show them."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.core.text import german_content_lang
from revier.monitor.models import Estimate, Question, Wave
from revier.monitor.presentation import percent


def _latest_shares() -> dict[int, tuple[int, float | None]]:
    """(year, overall share or None where suppressed) of every question's latest published wave."""
    latest: dict[int, tuple[int, float | None]] = {}
    rows = Estimate.objects.filter(wave__status=Wave.Status.PUBLISHED, group_var="all").order_by(
        "question_id", "wave__year").values_list("question_id", "wave__year", "p", "n", "wave__min_cell")
    for question_id, year, p, n, min_cell in rows:
        latest[question_id] = (year, p if p is not None and n >= min_cell else None)
    return latest


def question_documents() -> list[SearchDocument]:
    published = Estimate.objects.filter(question=OuterRef("pk"), wave__status=Wave.Status.PUBLISHED, group_var="all")
    rows = Question.objects.filter(Exists(published)).order_by().values_list(
        "id", "code", "wording", "short_label", "top_box_label", "survey__slug", "survey__name", "survey__synthetic",
        "survey__position", "position",
    )
    synthetic = gettext("synthetic example data")
    shares = _latest_shares()
    documents = []
    for pk, code, wording, short_label, top_box_label, survey_slug, survey_name, is_synthetic, survey_position, position in rows:
        documents.append(SearchDocument(
            hit=SearchHit(
                title=short_label or wording, url=reverse("monitor:question", kwargs={"survey": survey_slug, "question": code}),
                text=wording if short_label else "", lang=german_content_lang(), text_lang=german_content_lang(),
                meta=" · ".join(part for part in (survey_name, _share(shares.get(pk), top_box_label),
                                                  synthetic if is_synthetic else "") if part),
            ),
            text=f"{wording} {top_box_label} {survey_name}",
            order=(survey_position, survey_name, position, code),
        ))
    return documents


def _share(latest: tuple[int, float | None] | None, label: str) -> str:
    if latest is None or latest[1] is None:
        return ""
    year, p = latest
    return gettext("%(year)s: %(share)s %(label)s") % {"year": year, "share": percent(p), "label": label or gettext("agreement")}


question_search = IndexedProvider(
    kind="monitor", label=_("Monitor questions"), list_url_name="monitor:home", position=60,
    documents=question_documents,
)
