from django.urls import path

from aicert.payments import views

app_name = "payments"
urlpatterns = [
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/waiver/", views.waiver_grant, name="waiver_grant"),
    path("registrations/<int:pk>/payment/", views.payment_record, name="payment_record"),
    path("refunds/", views.refund_list, name="refund_list"),
    path("refunds/line/<int:pk>/", views.refund_record_line, name="refund_record_line"),
    path(
        "refunds/registration/<int:pk>/",
        views.refund_record_registration,
        name="refund_record_registration",
    ),
    path("pay/<int:pk>/", views.pay, name="pay"),
]
