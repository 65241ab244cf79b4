from django.urls import path

from aicert.scoring import views

app_name = "scoring"
urlpatterns = [
    path("marking/", views.marker_queue, name="marker_queue"),
    path("marking/<int:pk>/", views.mark, name="mark"),
    path("adjudication/", views.adjudication_queue, name="adjudication_queue"),
    path("statistics/", views.agreement_statistics, name="agreement_statistics"),
    path("challenges/", views.challenge_list, name="challenge_list"),
    path("challenges/form-items/<int:pk>/", views.challenge_review, name="challenge_review"),
    path("appeals/", views.appeal_list, name="appeal_list"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal_detail"),
    path("appeals/<int:pk>/start/", views.appeal_start, name="appeal_start"),
    path("appeals/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
    path("my/challenges/", views.my_challenges, name="my_challenges"),
    path("my/appeals/", views.my_appeals, name="my_appeals"),
]
