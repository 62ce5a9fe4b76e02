from django.urls import path

from . import views

urlpatterns = [
    path("", views.network_home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("stores/", views.store_directory, name="store_list"),
    path("stores/<int:store_id>/", views.store_detail, name="store_detail"),
    path("members/", views.member_directory, name="member_list"),
]
