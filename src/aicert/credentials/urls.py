from django.urls import path

from aicert.credentials import views

app_name = "credentials"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<str:number>/", views.detail, name="detail"),
]
