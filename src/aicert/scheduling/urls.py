from django.urls import path

from aicert.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.session_calendar, name="session_calendar"),
    path("calendar.ics", views.session_ical, name="session_ical"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("manage/", views.session_manage, name="session_manage"),
    path("manage/new/", views.session_create, name="session_create"),
    path("manage/<int:pk>/edit/", views.session_edit, name="session_edit"),
]
