from django.urls import path

from . import compose_views, inbox_views, manage_views, tree_views

urlpatterns = [
    # A member's inbox, alert page, acknowledgement, preferences, reports (inbox_views).
    path("", inbox_views.alert_inbox, name="alert_inbox"),
    path("<int:alert_id>/", inbox_views.alert_detail, name="alert_detail"),
    path(
        "<int:alert_id>/photos/<int:photo_id>/<str:variant>/",
        inbox_views.alert_photo,
        name="alert_photo",
    ),
    path("<int:alert_id>/acknowledge/", inbox_views.alert_acknowledge, name="alert_acknowledge"),
    path("seen/<str:token>/", inbox_views.alert_ack_link, name="alert_ack_link"),
    path("stop/<str:token>/", inbox_views.alert_stop_link, name="alert_stop_link"),
    path("preferences/", inbox_views.alert_preferences, name="alert_preferences"),
    path("report/", inbox_views.alert_report_new, name="alert_report_new"),
    # The senders' desk: composing, previewing, sending, progress (compose_views).
    path("desk/", compose_views.alert_desk, name="alert_desk"),
    path("new/", compose_views.alert_new, name="alert_new"),
    path("<int:alert_id>/edit/", compose_views.alert_edit, name="alert_edit"),
    path("<int:alert_id>/preview/", compose_views.alert_preview, name="alert_preview"),
    path("<int:alert_id>/send/", compose_views.alert_send_view, name="alert_send"),
    path("<int:alert_id>/discard/", compose_views.alert_discard, name="alert_discard"),
    path("<int:alert_id>/progress/", compose_views.alert_progress, name="alert_progress"),
    path(
        "<int:alert_id>/progress.json",
        compose_views.alert_progress_json,
        name="alert_progress_json",
    ),
    path("<int:alert_id>/follow-up/", compose_views.alert_follow_up, name="alert_follow_up"),
    path("<int:alert_id>/photos/", compose_views.alert_photos, name="alert_photos"),
    # The printed calling tree (tree_views).
    path(
        "<int:alert_id>/calling-tree.pdf", tree_views.alert_calling_tree, name="alert_calling_tree"
    ),
    # What the senders keep: reports, contacts, webhooks, deputies, the SMS outbox.
    path("reports/", manage_views.report_list, name="alert_reports"),
    path("reports/<int:report_id>/", manage_views.report_detail, name="alert_report"),
    path("contacts/", manage_views.contact_list, name="alert_contacts"),
    path("contacts/new/", manage_views.contact_new, name="alert_contact_new"),
    path("contacts/<int:contact_id>/", manage_views.contact_edit, name="alert_contact"),
    path("webhooks/", manage_views.webhook_list, name="alert_webhooks"),
    path("webhooks/new/", manage_views.webhook_new, name="alert_webhook_new"),
    path("webhooks/<int:webhook_id>/", manage_views.webhook_edit, name="alert_webhook"),
    path("deputies/", manage_views.deputy_list, name="alert_deputies"),
    path(
        "deputies/<int:deputy_id>/remove/",
        manage_views.deputy_remove,
        name="alert_deputy_remove",
    ),
    path("sms-outbox/", manage_views.sms_outbox, name="alert_sms_outbox"),
]
