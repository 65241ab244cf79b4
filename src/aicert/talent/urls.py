from django.urls import path

from aicert.talent import views

app_name = "talent"
urlpatterns = [
    # The holder's side.
    path("", views.mine, name="mine"),
    path("consent/", views.consent_give, name="consent_give"),
    path("consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("profile/", views.profile_update, name="profile_update"),
    path("invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
    path("invitations/<int:pk>/share/", views.invitation_share, name="invitation_share"),
    # Employer sign-up and the foundation's queue.
    path("employers/apply/", views.apply, name="apply"),
    path("employers/applications/", views.applications, name="applications"),
    path(
        "employers/applications/<int:pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path("employers/api-calls/", views.api_calls, name="api_calls"),
    path("employers/postings/", views.postings_manage, name="postings_manage"),
    path("employers/postings/<int:pk>/hide/", views.posting_hide, name="posting_hide"),
    # The recruiter's side.
    path("verify/", views.verify, name="verify"),
    path("verify/bulk/", views.bulk_list, name="bulk_list"),
    path("verify/bulk/<int:pk>/", views.bulk_detail, name="bulk_detail"),
    path("verify/bulk/<int:pk>/progress/", views.bulk_progress, name="bulk_progress"),
    path("verify/bulk/<int:pk>/result.<str:fmt>", views.bulk_download, name="bulk_download"),
    path("keys/", views.keys, name="keys"),
    path("keys/<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
    path("search/", views.search, name="search"),
    path("people/<int:pk>/", views.person, name="person"),
    path("sent/", views.sent, name="sent"),
    path("postings/", views.postings, name="postings"),
    path("postings/<int:pk>/", views.posting_edit, name="posting_edit"),
]
