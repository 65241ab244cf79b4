from django.urls import path

from aicert.registration import views

app_name = "registration"
urlpatterns = [
    path("", views.my_registrations, name="my_registrations"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
    path("profile/", views.profile, name="profile"),
    path("sessions/<int:session_pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/transfer/", views.registration_transfer, name="transfer"),
    path("<int:pk>/accept/", views.registration_accept_offer, name="accept_offer"),
    path("my-data.json", views.data_export, name="data_export"),
    path("delete-my-data/", views.deletion_request, name="deletion_request"),
]
