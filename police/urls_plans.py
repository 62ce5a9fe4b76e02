"""URL patterns of the police app's plans pages (mounted under /police/plans/ by
police/urls.py)."""

from django.urls import URLPattern, path

from . import plan_views as views

urlpatterns: list[URLPattern] = [
    path("", views.plans, name="police_plans"),
    path("start/<slug:scenario>/", views.plan_start_view, name="police_plan_start"),
    path("<int:plan_id>/edit/", views.plan_edit, name="police_plan_edit"),
    path("<int:plan_id>/publish/", views.plan_publish_view, name="police_plan_publish"),
    path("versions/<int:version_id>/", views.plan_version, name="police_plan_version"),
    path(
        "versions/<int:version_id>/acknowledge/",
        views.plan_acknowledge_view,
        name="police_plan_acknowledge",
    ),
    path("versions/<int:version_id>/review/", views.plan_review_view, name="police_plan_review"),
    path("versions/<int:version_id>/pdf/", views.plan_pdf, name="police_plan_pdf"),
    path("review/", views.plan_queue, name="police_plan_queue"),
    path("templates/", views.plan_templates, name="police_plan_templates"),
    path(
        "templates/<int:template_id>/", views.plan_template_edit, name="police_plan_template_edit"
    ),
    path("coverage/", views.plan_coverage, name="police_plan_coverage"),
]
