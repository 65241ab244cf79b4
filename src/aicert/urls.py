from django.contrib import admin
from django.urls import include, path

from aicert.api.api import api

urlpatterns = [
    path("", include("aicert.portal.urls")),
    path("", include("aicert.ops.urls")),
    path("catalog/", include("aicert.catalog.urls")),
    path("centers/", include("aicert.centers.urls")),
    path("items/", include("aicert.itembank.urls")),
    path("sessions/", include("aicert.scheduling.urls")),
    path("registration/", include("aicert.registration.urls")),
    path("payments/", include("aicert.payments.urls")),
    path("reports/", include("aicert.reports.urls")),
    path("", include("aicert.credentials.urls")),  # certificates/... and verify/...
    # The issuer profile, status lists and credential verification (top-level, public).
    path("", include("aicert.credentials.public_urls")),
    path("open-data/", include("aicert.reports.open_data_urls")),
    path("selfassess/", include("aicert.selfassess.urls")),
    path("delivery/", include("aicert.delivery.urls")),
    path("analysis/", include("aicert.analysis.urls")),
    path("scoring/", include("aicert.scoring.urls")),
    path("results/", include("aicert.results.urls")),
    path("regions/", include("aicert.promotion.urls")),
    path("talent/", include("aicert.talent.urls")),
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
