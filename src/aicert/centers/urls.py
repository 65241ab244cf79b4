from django.urls import path

from aicert.centers import views

app_name = "centers"
urlpatterns = [
    path("", views.center_list, name="center_list"),
    path("manage/", views.center_manage, name="center_manage"),
    path("rooms/<int:pk>/", views.room_detail, name="room_detail"),
    path("rooms/<int:pk>/edit/", views.room_edit, name="room_edit"),
    path("venues/<int:venue_pk>/rooms/new/", views.room_create, name="room_create"),
]
