from django.urls import path

from aicert.itembank import views, views_assets, views_interchange

app_name = "itembank"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("new/", views.item_create, name="item_create"),
    path("preview/", views.item_preview, name="item_preview"),
    path("bulk/", views.item_bulk, name="item_bulk"),
    path("coverage/", views.blueprint_coverage, name="blueprint_coverage"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("<int:pk>/reviewers/", views.review_assign, name="review_assign"),
    path("<int:pk>/activate/", views.item_activate, name="item_activate"),
    path("<int:pk>/comments/", views.review_comment_add, name="review_comment_add"),
    path("<int:pk>/assets/", views_assets.asset_upload, name="asset_upload"),
    path("assets/<int:pk>/", views_assets.asset_view, name="asset"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("import/", views_interchange.item_import, name="item_import"),
    path("import/confirm/", views_interchange.item_import_confirm, name="item_import_confirm"),
    path("export/", views_interchange.item_export, name="item_export"),
    path("reviews/<int:pk>/", views.review_decide, name="review_decide"),
]
