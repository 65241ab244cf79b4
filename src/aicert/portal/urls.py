from django.urls import path

from aicert.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("i18n/language/", views.language_switch, name="language_switch"),
]
