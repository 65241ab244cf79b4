from django.urls import path

from aicert.scheduling import invigilation_views, views

app_name = "scheduling"
urlpatterns = [
    path("", views.session_calendar, name="session_calendar"),
    path("calendar.ics", views.session_ical, name="session_ical"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("manage/", views.session_manage, name="session_manage"),
    path("manage/new/", views.session_create, name="session_create"),
    path("manage/<int:pk>/edit/", views.session_edit, name="session_edit"),
]

# Invigilation: rosters for managers; duties, availability and declarations for invigilators.
urlpatterns += [
    path("invigilation/", invigilation_views.roster_days, name="roster_days"),
    path(
        "invigilation/<int:center_pk>/<str:day>/",
        invigilation_views.roster_day,
        name="roster_day",
    ),
    path("duties/", invigilation_views.my_duties, name="my_duties"),
    path("duties/<int:pk>/confirm/", invigilation_views.duty_confirm, name="duty_confirm"),
    path("duties/<int:pk>/decline/", invigilation_views.duty_decline, name="duty_decline"),
    path("availability/", invigilation_views.my_availability, name="my_availability"),
    path(
        "invigilation/pool/<int:pk>/availability/",
        invigilation_views.pool_availability,
        name="pool_availability",
    ),
]
