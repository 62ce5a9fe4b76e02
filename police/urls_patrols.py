"""URL patterns of the police app's patrols pages (mounted under /police/ by police/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
