from django.urls import path

from revier.pages import views

app_name = "pages"

urlpatterns = [
    path("barriere-melden/", views.report_barrier, name="report-barrier"),
    path("barriere-melden/danke/", views.report_barrier_thanks, name="report-barrier-thanks"),
    path("kontakt/", views.contact, name="contact"),
    path("kontakt/danke/", views.contact_thanks, name="contact-thanks"),
    path("<slug:slug>/", views.page_detail, name="detail"),
]
