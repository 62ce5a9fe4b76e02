"""URL patterns of the police app's desk pages (mounted under /police/ by police/urls.py)."""

from django.urls import path

from . import desk_views as views

urlpatterns = [
    path("", views.police_desk, name="police_desk"),
    path("overview/", views.police_overview, name="police_overview"),
]
