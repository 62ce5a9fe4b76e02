"""URL patterns of the police app's profile pages (mounted under /police/ by police/urls.py)."""

from django.urls import URLPattern, path

from . import profile_views as views

urlpatterns: list[URLPattern] = [
    path("", views.profile_edit, name="police_profile"),
    path("share/", views.profile_share, name="police_profile_share"),
    path("shared/", views.shared_profiles, name="police_profiles_shared"),
    path("store/<int:store_id>/", views.profile_view, name="police_profile_view"),
]
