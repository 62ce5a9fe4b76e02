from django.urls import path

from . import member_views, views

urlpatterns = [
    path("", views.network_home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("stores/", views.store_directory, name="store_list"),
    path("stores/<int:store_id>/", views.store_detail, name="store_detail"),
    path("members/", views.member_directory, name="member_list"),
    path("members/invite/", member_views.member_invite, name="member_invite"),
    path("members/history/", member_views.member_history, name="member_history"),
    path("members/<int:membership_id>/revoke/", member_views.member_revoke, name="member_revoke"),
]
