from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("aicert.portal.urls")),
    path("catalog/", include("aicert.catalog.urls")),
    path("centers/", include("aicert.centers.urls")),
    path("items/", include("aicert.itembank.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
