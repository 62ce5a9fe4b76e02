from django.urls import path

from . import views

urlpatterns = [
    path("", views.network_dashboard, name="stats_dashboard"),
    path("<slug:chart>.csv", views.network_csv, name="stats_csv"),
]
