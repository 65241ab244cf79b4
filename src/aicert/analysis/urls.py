from django.urls import path

from aicert.analysis import views

app_name = "analysis"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("runs/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("flags/", views.flag_list, name="flag_list"),
]
