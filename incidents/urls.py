from django.urls import path

from . import edit_views, evidence_views, export_views, retention_views, views

urlpatterns = [
    path("", views.logbook, name="incident_logbook"),
    path("network/", views.network_incidents, name="incident_network"),
    path("to-finish/", views.to_finish, name="incident_to_finish"),
    path("new/", edit_views.incident_new, name="incident_new"),
    path("quick/", edit_views.incident_quick, name="incident_quick"),
    path("settings/", edit_views.incident_settings, name="incident_settings"),
    path("purpose/", views.purpose, name="incident_purpose"),
    path("access-log/", views.access_log, name="incident_access_log"),
    path("retention/", retention_views.incident_retention, name="incident_retention"),
    path("<int:incident_id>/", views.incident_detail, name="incident_detail"),
    path("<int:incident_id>/edit/", edit_views.incident_edit, name="incident_edit"),
    path("<int:incident_id>/history/", views.incident_history, name="incident_history"),
    path("<int:incident_id>/share/", edit_views.incident_share_toggle, name="incident_share"),
    path("<int:incident_id>/void/", edit_views.incident_void_view, name="incident_void"),
    # Exports (incidents/export_views.py).
    path("<int:incident_id>/packet.pdf", export_views.incident_packet, name="incident_packet"),
    path("export/", export_views.incident_export, name="incident_export"),
    path(
        "exports/<int:export_id>/",
        export_views.incident_export_status,
        name="incident_export_status",
    ),
    path(
        "exports/<int:export_id>/download/",
        export_views.incident_export_download,
        name="incident_export_download",
    ),
    # Evidence (incidents/evidence_views.py).
    path(
        "<int:incident_id>/evidence/add/",
        evidence_views.evidence_add_view,
        name="evidence_add",
    ),
    path(
        "evidence/<int:evidence_id>/<str:variant>/",
        evidence_views.evidence_file,
        name="evidence_file",
    ),
]
