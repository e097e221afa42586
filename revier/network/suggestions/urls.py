from django.urls import path

from revier.network.contact import views as contact_views
from revier.network.suggestions import views

# Included in revier/network/urls.py (app namespace "network").
urlpatterns = [
    path("mein-profil/<str:token>/partner/", views.suggestions_page, name="suggestions"),
    path("mein-profil/<str:token>/kontakt/<int:pk>/", contact_views.contact_new, name="contact-new"),
    path("kontaktanfrage/<str:token>/", contact_views.contact_request_page, name="contact-request"),
    path("kontakt/<int:pk>/", contact_views.contact_start, name="contact-start"),
]
