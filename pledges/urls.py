"""Pledge pages of a network (tenant hosts)."""

from django.urls import path

from . import views

urlpatterns = [
    path("pledge/", views.pledge_start, name="pledge_start"),
    path("store/", views.store_home, name="store_home"),
    path("store/logo/", views.store_logo, name="store_logo"),
    path("store/acknowledge/", views.store_acknowledge, name="store_acknowledge"),
    path("store/reaffirm/", views.store_reaffirm, name="store_reaffirm"),
    path("store/listing/", views.store_listing, name="store_listing"),
    path("store/withdraw/", views.store_withdraw, name="store_withdraw"),
    path("store/invitations/", views.store_invite, name="store_invite"),
    path(
        "store/invitations/<int:invitation_id>/revoke/",
        views.store_invitation_revoke,
        name="store_invitation_revoke",
    ),
    path(
        "store/staff/<int:membership_id>/remove/",
        views.store_staff_remove,
        name="store_staff_remove",
    ),
    path("join/<str:token>/", views.invitation_join, name="invitation_join"),
    path("pledges/", views.coordinator_pledge_list, name="coordinator_pledge_list"),
    path("pledges/export.csv", views.coordinator_pledge_export, name="coordinator_pledge_export"),
    path("pledges/text/", views.coordinator_pledge_text, name="coordinator_pledge_text"),
    path(
        "pledges/<int:pledge_id>/",
        views.coordinator_pledge_detail,
        name="coordinator_pledge_detail",
    ),
    path(
        "pledges/<int:pledge_id>/decide/",
        views.coordinator_pledge_decide,
        name="coordinator_pledge_decide",
    ),
    path(
        "pledges/<int:pledge_id>/logo/",
        views.coordinator_pledge_logo,
        name="coordinator_pledge_logo",
    ),
]
