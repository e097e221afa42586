from django.urls import path

from revier.monitor import staff_views, views

app_name = "monitor"

# Fixed paths first: a survey's short name never hides them.
urlpatterns = [
    path("", views.home, name="home"),
    path("lesehilfe/", views.reading, name="reading"),
    # The staff area (staff_views): surveys and waves, the upload and its background run.
    path("verwalten/", staff_views.manage_overview, name="manage-overview"),
    path("verwalten/hochladen/", staff_views.manage_upload, name="manage-upload"),
    path("verwalten/hochladen/<int:run>/", staff_views.manage_run, name="manage-run"),
    path("verwalten/hochladen/<int:run>/uebernehmen/", staff_views.manage_run_confirm, name="manage-run-confirm"),
    path("verwalten/hochladen/<int:run>/abbrechen/", staff_views.manage_run_cancel, name="manage-run-cancel"),
    path("verwalten/hochladen/<int:run>/erneut-pruefen/", staff_views.manage_run_recheck, name="manage-run-recheck"),
    path("verwalten/wellen/<int:wave>/veroeffentlichen/", staff_views.manage_publish, name="manage-publish"),
    path("verwalten/wellen/<int:wave>/zurueckziehen/", staff_views.manage_unpublish, name="manage-unpublish"),
    path("verwalten/wellen/<int:wave>/weights.csv", staff_views.manage_weights, name="manage-weights"),
    path("verwalten/wellen/<int:wave>/estimates.csv", staff_views.manage_estimates, name="manage-estimates"),
    path("<slug:survey>/", views.survey, name="survey"),
    path("<slug:survey>/methode/<int:year>/", views.methods, name="methods"),
    path("<slug:survey>/<slug:question>.csv", views.question_csv, name="question-csv"),
    path("<slug:survey>/<slug:question>/", views.question, name="question"),
]
