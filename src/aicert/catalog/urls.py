from django.urls import path

from aicert.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.certification_list, name="certification_list"),
    path("<slug:code>/", views.certification_detail, name="certification_detail"),
    path("<slug:code>/levels/<slug:level_code>/", views.level_detail, name="level_detail"),
]
