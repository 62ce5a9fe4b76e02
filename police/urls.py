"""The police app's pages, one URL module per part: contacts, meetings and follow-ups; the
security profile; patrol requests and calendars; response plans; the officer's desk."""

from django.urls import include, path

urlpatterns = [
    path("", include("police.urls_desk")),
    path("contacts/", include("police.urls_contacts")),
    path("profile/", include("police.urls_profile")),
    path("patrols/", include("police.urls_patrols")),
    path("plans/", include("police.urls_plans")),
]
