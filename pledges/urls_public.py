"""Pages of the public site about finding, starting and verifying partners, and the platform
admins' handling of requests for new networks. Included at the root of config.urls_public."""

from django.urls import URLPattern, URLResolver, path

from networks import platform_views

from . import public_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("networks/", public_views.network_finder, name="network_finder"),
    path("networks/request/", public_views.network_request_new, name="network_request_new"),
    path(
        "networks/request/address/",
        public_views.network_request_slug_check,
        name="network_request_slug_check",
    ),
    path(
        "networks/request/thanks/",
        public_views.network_request_thanks,
        name="network_request_thanks",
    ),
    path("verify/", public_views.verify_lookup, name="verify"),
    path("verify/<str:code>/", public_views.verify_code, name="verify_code"),
    path("verify/<str:code>/badge.svg", public_views.verify_badge_svg, name="verify_badge_svg"),
    path(
        "verify/<str:code>/badge-<str:size>.png",
        public_views.verify_badge_png,
        name="verify_badge_png",
    ),
    path(
        "platform/networks/<slug:slug>/export.json",
        platform_views.platform_network_export_json,
        name="platform_network_export_json",
    ),
    path(
        "platform/networks/<slug:slug>/export-<slug:kind>.csv",
        platform_views.platform_network_export_csv,
        name="platform_network_export_csv",
    ),
    path("platform/requests/", platform_views.platform_requests, name="platform_requests"),
    path(
        "platform/requests/<int:request_id>/",
        platform_views.platform_request_detail,
        name="platform_request_detail",
    ),
]
