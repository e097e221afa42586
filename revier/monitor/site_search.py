"""Monitor questions in the portal's search (core.site_search): the questions with a result in a
published wave (what monitor.selectors.question_published tells one by one), with their survey, read
in one query once per content generation into a StemIndex. Only the wording: no figure is read here."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.monitor.models import Estimate, Question, Wave


def question_documents() -> list[SearchDocument]:
    published = Estimate.objects.filter(question=OuterRef("pk"), wave__status=Wave.Status.PUBLISHED, group_var="all")
    rows = Question.objects.filter(Exists(published)).order_by().values_list(
        "id", "code", "wording", "short_label", "top_box_label", "survey__slug", "survey__name", "survey__synthetic",
        "survey__position", "position",
    )
    synthetic = gettext("synthetic example data")
    documents = []
    for pk, code, wording, short_label, top_box_label, survey_slug, survey_name, is_synthetic, survey_position, position in rows:
        documents.append(SearchDocument(
            hit=SearchHit(
                title=short_label or wording, url=reverse("monitor:question", kwargs={"survey": survey_slug, "question": code}),
                text=wording if short_label else "",
                meta=" · ".join(part for part in (survey_name, synthetic if is_synthetic else "") if part),
            ),
            text=f"{wording} {top_box_label} {survey_name}",
            order=(survey_position, survey_name, position, code),
        ))
    return documents


question_search = IndexedProvider(
    kind="monitor", label=_("Monitor questions"), list_url_name="monitor:home", position=60,
    documents=question_documents,
)
