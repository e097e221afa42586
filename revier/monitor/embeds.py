"""A Monitor result in a news article: the line `[monitor:SURVEY/QUESTION]` on its own in the
article's Markdown shows the question's latest published share with its trend, data table, source
and a link to the question's page (registered with core.embeds in MonitorConfig.ready)."""

from django.template.loader import render_to_string

from revier.monitor import presentation, selectors


def embed_html(argument: str) -> str | None:
    """The figure for "survey/question", or None when there is no such question with a published result."""
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
    return render_to_string("monitor/includes/embed.html", {
        "survey": survey,
        "question": question,
        "wave": wave,
        "label": presentation.top_box_label(question),
        "summary": presentation.summary_sentence(
            question=question, figure=results.overall, previous=results.previous, change=results.change,
            min_cell=wave.min_cell,
        ),
        "rows": [presentation.figure_row(row.figure) for row in results.trend],
        "citation": presentation.citation(survey=survey, wave=wave),
    })
