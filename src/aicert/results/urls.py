from django.urls import path

from aicert.results import views

app_name = "results"
urlpatterns = [
    path("", views.my_results, name="my_results"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("release/", views.release_list, name="release_list"),
    path("release/<int:session_pk>/", views.release_schedule, name="release_schedule"),
    path("release/<int:session_pk>/cancel/", views.release_cancel, name="release_cancel"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/results.csv", views.session_export, name="session_export"),
    path("scales/", views.scale_list, name="scale_list"),
    path("scales/<int:subject_pk>/new/", views.scale_create, name="scale_create"),
]
