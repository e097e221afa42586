"""A Monitor result in a news article: the line `[monitor:SURVEY/QUESTION]` on its own in the
article's Markdown shows the question's latest published share with its trend (chart and data table),
the source and a link to the question's page (registered with core.embeds in MonitorConfig.ready).
Kept per content generation (core.fragments), so an article page from the store runs no query."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from revier.core.fragments import fragment
from revier.monitor import presentation, selectors


def embed_html(argument: str) -> str | None:
    """The figure for "survey/question", or None when there is no such question with a published result."""
    return fragment("monitor:embed", (argument, reverse("monitor:home")), lambda: _render(argument))


def _render(argument: str) -> str | None:
    survey_slug, _slash, code = argument.partition("/")
    if not code:
        return None
    survey = selectors.survey_get(slug=survey_slug)
    if survey is None:
        return None
    results = selectors.question_results(survey=survey, code=code)
    if results is None:
        return None
    question, wave = results.question, results.wave
    label = presentation.top_box_label(question)
    summary = presentation.summary_sentence(
        question=question, figure=results.overall, previous=results.previous, change=results.change, min_cell=wave.min_cell,
    )
    prefix = f"monitor-{survey.slug}-{question.code}"
    if len(results.trend) > 1:
        caption = gettext("%(question)s: share “%(label)s”, %(first)s to %(last)s") % {
            "question": question, "label": label, "first": results.trend[0].figure.year, "last": wave.year,
        }
        chart = presentation.trend_svg(results.trend, title=caption, description=summary, id_prefix=prefix)
    else:
        caption = gettext("%(question)s: share “%(label)s”, %(year)s") % {"question": question, "label": label, "year": wave.year}
        chart = presentation.bars_svg([f for f in (results.overall,) if f is not None], title=caption, description=summary, id_prefix=prefix)
    return render_to_string("monitor/includes/embed.html", {
        "survey": survey,
        "question": question,
        "wave": wave,
        "label": label,
        "caption": caption,
        "summary": summary,
        "chart": chart,
        "rows": [presentation.figure_row(row.figure) for row in results.trend],
        "citation": presentation.citation(survey=survey, wave=wave),
    })
