from django.urls import path

from aicert.itembank import views

app_name = "itembank"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("new/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("<int:pk>/reviewers/", views.review_assign, name="review_assign"),
    path("<int:pk>/activate/", views.item_activate, name="item_activate"),
    path("<int:pk>/comments/", views.review_comment_add, name="review_comment_add"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", views.review_decide, name="review_decide"),
]
