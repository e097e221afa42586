from django.urls import path

from revier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("einladen/", views.account_invite, name="invite"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/team/", views.account_team_add, name="team-add"),
    path("<int:pk>/team/<int:event>/entfernen/", views.account_team_remove, name="team-remove"),
    path("<int:pk>/deaktivieren/", views.account_deactivate, name="deactivate"),
    path("<int:pk>/reaktivieren/", views.account_reactivate, name="reactivate"),
    path("<int:pk>/zweiter-faktor/", views.account_second_factor_reset, name="second-factor-reset"),
    path("<int:pk>/einladung/", views.account_invite_resend, name="invite-resend"),
]
