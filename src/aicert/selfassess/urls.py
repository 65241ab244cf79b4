from django.urls import path

from aicert.selfassess import views

app_name = "selfassess"
urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("attempts/<int:pk>/", views.attempt, name="attempt"),
    path("attempts/<int:pk>/answer/", views.answer, name="answer"),
    path("attempts/<int:pk>/profile/", views.profile, name="profile"),
    path("attempts/<int:pk>/plan/", views.plan_save, name="plan_save"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/courses/<int:pk>/done/", views.plan_course_done, name="plan_course_done"),
    path("plans/courses/<int:pk>/remove/", views.plan_course_remove, name="plan_course_remove"),
    path("bank/", views.bank, name="bank"),
    path("paths/", views.paths, name="paths"),
    path("paths/<slug:code>/", views.path_detail, name="path"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_edit, name="course_edit"),
]
