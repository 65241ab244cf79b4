from django.urls import path

from aicert.credentials import credential_views, views

app_name = "credentials"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<str:number>/", views.detail, name="detail"),
    path(
        "<str:number>/credential.json",
        credential_views.credential_json,
        name="credential_json",
    ),
]
