"""Credentials' pages. Included at the site's root: the holder's and the foundation's pages live
under ``certificates/``, the public verification under ``verify/`` (one namespace for both, so
the signing part adds ``credential_json``, ``verify_json``, ``issuer`` and ``status_list`` here)."""

from django.urls import path, re_path

from aicert.credentials import credential_views, views

app_name = "credentials"
urlpatterns = [
    path("certificates/", views.mine, name="mine"),
    path("certificates/manage/", views.manage_list, name="manage_list"),
    path("certificates/manage/cpd/", views.cpd_queue, name="cpd_queue"),
    path("certificates/manage/cpd/<int:pk>/", views.cpd_review, name="cpd_review"),
    path("certificates/cpd/<int:pk>/evidence/", views.cpd_evidence, name="cpd_evidence"),
    path("certificates/manage/<str:number>/", views.manage_detail, name="manage_detail"),
    path("certificates/<str:number>/", views.detail, name="detail"),
    path(
        "certificates/<str:number>/certificate.pdf",
        views.certificate_pdf_download,
        name="pdf",
    ),
    path("certificates/<str:number>/publication/", views.publication_set, name="publication"),
    path("certificates/<str:number>/cpd/", views.cpd_submit, name="cpd_submit"),
    path("verify/", views.verify, name="verify"),
    # Only the canonical shape, so other verify/... pages (the signed credential's) stay free.
    re_path(
        r"^verify/(?P<number>AIC-[0-9]{4}-[0-9]{7}-[0-9X])/$",
        views.verify_number,
        name="verify_number",
    ),
    path(
        "certificates/<str:number>/credential.json",
        credential_views.credential_json,
        name="credential_json",
    ),
]
