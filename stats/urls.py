from django.urls import path

from . import views

urlpatterns = [
    path("", views.network_dashboard, name="stats_dashboard"),
    path("<slug:chart>.csv", views.network_csv, name="stats_csv"),
    path("report/<int:year>-<int:month>.pdf", views.monthly_report, name="stats_report"),
]
