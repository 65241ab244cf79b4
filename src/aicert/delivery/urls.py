from django.urls import path

from aicert.delivery import views

app_name = "delivery"
urlpatterns = [
    path("forms/", views.form_list, name="form_list"),
    path("forms/assemble/", views.form_assemble, name="form_assemble"),
    path("forms/<int:pk>/", views.form_detail, name="form_detail"),
    path("forms/<int:pk>/lock/", views.form_lock, name="form_lock"),
    path("forms/<int:pk>/publish/", views.form_publish, name="form_publish"),
    path("forms/<int:pk>/retire/", views.form_retire, name="form_retire"),
    path("forms/<int:pk>/discard/", views.form_discard, name="form_discard"),
]
