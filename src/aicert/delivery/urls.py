from django.urls import path

from aicert.delivery import room_views, views

app_name = "delivery"
urlpatterns = [
    path("forms/", views.form_list, name="form_list"),
    path("forms/assemble/", views.form_assemble, name="form_assemble"),
    path("forms/<int:pk>/", views.form_detail, name="form_detail"),
    path("forms/<int:pk>/lock/", views.form_lock, name="form_lock"),
    path("forms/<int:pk>/publish/", views.form_publish, name="form_publish"),
    path("forms/<int:pk>/retire/", views.form_retire, name="form_retire"),
    path("forms/<int:pk>/discard/", views.form_discard, name="form_discard"),
    path("attempts/<int:pk>/", views.attempt_player, name="attempt_player"),
    path("attempts/<int:pk>/items/", views.attempt_items, name="attempt_items"),
    # The exam-day room (room_views): forms of sessions, check-in, the invigilator console.
    path("sessions/", room_views.session_list, name="session_list"),
    path("sessions/<int:pk>/forms/", room_views.session_forms, name="session_forms"),
    path(
        "sessions/<int:pk>/forms/<int:session_form_pk>/detach/",
        room_views.session_form_detach,
        name="session_form_detach",
    ),
    path("room/", room_views.room_list, name="room_list"),
    path("room/<int:pk>/check-in/", room_views.check_in, name="check_in"),
    path(
        "room/<int:pk>/check-in/<int:registration_pk>/",
        room_views.check_in_candidate,
        name="check_in_candidate",
    ),
    path("room/<int:pk>/absentees/", room_views.absentees_mark, name="absentees_mark"),
    path("room/<int:pk>/", room_views.room_console, name="room_console"),
    path("room/<int:pk>/roster/", room_views.room_roster, name="room_roster"),
    path("room/<int:pk>/authorize/", room_views.room_authorize, name="room_authorize"),
    path("room/<int:pk>/pause/", room_views.room_pause_all, name="room_pause_all"),
    path("room/<int:pk>/resume/", room_views.room_resume_all, name="room_resume_all"),
    path("room/<int:pk>/attempts/<int:attempt_pk>/", room_views.room_attempt, name="room_attempt"),
    path(
        "room/<int:pk>/attempts/<int:attempt_pk>/<slug:action>/",
        room_views.room_attempt_action,
        name="room_attempt_action",
    ),
    path("room/<int:pk>/incidents/", room_views.incident_create, name="incident_create"),
    path("room/<int:pk>/export.csv", room_views.room_export, name="room_export"),
]
