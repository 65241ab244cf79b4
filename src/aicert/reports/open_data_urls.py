from django.urls import path, re_path

from aicert.reports import open_data

app_name = "open_data"
urlpatterns = [
    path("", open_data.open_data, name="index"),
    re_path(r"^(?P<year>\d{4})/(?P<view>[a-z_]+)\.csv$", open_data.open_data_csv, name="csv"),
    re_path(r"^(?P<year>\d{4})/report\.pdf$", open_data.open_data_pdf, name="pdf"),
]
