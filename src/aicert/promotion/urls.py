from django.urls import path

from aicert.promotion import feeds, views

app_name = "promotion"
urlpatterns = [
    path("announcements/new/", views.announcement_create, name="announcement_create"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("partners/", views.campaign_list, name="campaigns"),
    path("partners/new/", views.campaign_create, name="campaign_create"),
    path("partners/<int:pk>/", views.campaign_detail, name="campaign"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path(
        "subscriptions/confirm/<str:token>/",
        views.subscription_confirm,
        name="subscription_confirm",
    ),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:code>/", views.region_page, name="region"),
    path("<slug:code>/events.ics", views.region_ics, name="region_ics"),
    path("<slug:code>/feed.rss", feeds.AnnouncementsRss(), name="region_rss"),
    path("<slug:code>/feed.atom", feeds.AnnouncementsAtom(), name="region_atom"),
    path("<slug:code>/<slug:county>/", views.county_page, name="county"),
]
