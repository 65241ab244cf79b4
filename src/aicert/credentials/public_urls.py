"""Public, top-level credential URLs: the issuer (the id in every credential), its keys, the
status lists and the page that verifies a credential file."""

from django.urls import path

from aicert.credentials import credential_views

app_name = "credentials_public"
urlpatterns = [
    path("credentials/issuer", credential_views.issuer, name="issuer"),
    path("credentials/issuer/keys/<str:kid>", credential_views.issuer_key, name="issuer_key"),
    path(
        "credentials/status/<str:purpose>/<int:number>",
        credential_views.status_list_view,
        name="status_list",
    ),
    path("verify/credential/", credential_views.verify_json, name="verify_json"),
]
