"""URLs of a network (<slug>.PORTAL_DOMAIN)."""

from django.urls import include, path

from accounts.views import verification_resend
from config.health import healthz
from networks.views import after_login, favicon

urlpatterns = [
    path("", include("networks.urls")),
    path("", include("pledges.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("incidents/", include("incidents.urls")),
    path("alerts/", include("alerts.urls")),
    path("police/", include("police.urls")),
    path("stats/", include("stats.urls")),
    path(
        "accounts/verification/resend/",
        verification_resend,
        name="account_verification_resend",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("after-login/", after_login, name="after_login"),
]
