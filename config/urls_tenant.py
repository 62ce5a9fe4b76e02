"""URLs of a network (<slug>.PORTAL_DOMAIN)."""

from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("", include("networks.urls")),
    path("", include("pledges.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
]
