from django.urls import path

from revier.pages import views

app_name = "pages"

urlpatterns = [
    path("barriere-melden/", views.report_barrier, name="report-barrier"),
    path("kontakt/", views.contact, name="contact"),
    path("<slug:slug>/", views.page_detail, name="detail"),
]
