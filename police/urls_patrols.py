"""URL patterns of the police app's patrols pages (mounted under /police/ by police/urls.py)."""

from django.urls import URLPattern, path

from . import calendar_views, patrol_views

urlpatterns: list[URLPattern] = [
    path("", patrol_views.patrol_list, name="police_patrols"),
    path("new/", patrol_views.patrol_new, name="police_patrol_new"),
    path("<int:patrol_id>/", patrol_views.patrol_detail, name="police_patrol_detail"),
    path("<int:patrol_id>/answer/", patrol_views.patrol_answer, name="police_patrol_answer"),
    path("<int:patrol_id>/withdraw/", patrol_views.patrol_withdraw, name="police_patrol_withdraw"),
    path("calendar/", calendar_views.calendar, name="police_calendar"),
    path("calendar/feed/", calendar_views.calendar_feed, name="police_calendar_feed"),
    path("calendar/<str:token>.ics", calendar_views.calendar_ics, name="police_calendar_ics"),
]
