"""URL patterns of the police app's contacts pages (mounted under /police/ by police/urls.py)."""

from django.urls import URLPattern, path

from . import contact_views as views

urlpatterns: list[URLPattern] = [
    path("", views.contact_list, name="police_contacts"),
    path("new/", views.contact_new, name="police_contact_new"),
    path("<int:contact_id>/", views.contact_edit, name="police_contact_edit"),
    path("<int:contact_id>/delete/", views.contact_delete, name="police_contact_delete"),
    path("meetings/", views.meeting_list, name="police_meetings"),
    path("meetings/new/", views.meeting_new, name="police_meeting_new"),
    path("follow-ups/mine/", views.follow_ups_mine, name="police_follow_ups_mine"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="police_follow_up_done"),
]
