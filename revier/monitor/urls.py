from django.urls import path

from revier.monitor import views

app_name = "monitor"

# Fixed paths first: a survey's short name never hides them.
urlpatterns = [
    path("", views.home, name="home"),
    path("lesehilfe/", views.reading, name="reading"),
    path("<slug:survey>/", views.survey, name="survey"),
    path("<slug:survey>/methode/<int:year>/", views.methods, name="methods"),
    path("<slug:survey>/<slug:question>.csv", views.question_csv, name="question-csv"),
    path("<slug:survey>/<slug:question>/", views.question, name="question"),
]
