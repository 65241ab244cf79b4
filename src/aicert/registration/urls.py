from django.urls import path

from aicert.registration import views, views_accommodations, views_tickets

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
    path("<int:pk>/ticket.pdf", views_tickets.ticket_pdf, name="ticket_pdf"),
    path("sessions/<int:pk>/seats/", views_tickets.session_seats, name="session_seats"),
    path(
        "sessions/<int:pk>/seats/assign/",
        views_tickets.session_seats_assign,
        name="session_seats_assign",
    ),
    path(
        "sessions/<int:pk>/tickets.pdf",
        views_tickets.session_tickets_pdf,
        name="session_tickets_pdf",
    ),
    path("accommodations/", views_accommodations.accommodations, name="accommodations"),
    path(
        "accommodations/<int:pk>/withdraw/",
        views_accommodations.accommodation_withdraw,
        name="accommodation_withdraw",
    ),
    path(
        "accommodations/documents/<int:pk>/",
        views_accommodations.accommodation_document,
        name="accommodation_document",
    ),
    path(
        "accommodations/review/",
        views_accommodations.accommodation_review_list,
        name="accommodation_review_list",
    ),
    path(
        "accommodations/review/<int:pk>/",
        views_accommodations.accommodation_review,
        name="accommodation_review",
    ),
]
