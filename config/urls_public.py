"""URLs of the public site (PORTAL_DOMAIN): the movement, accounts, platform admin."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts.views import verification_resend
from config.health import healthz
from networks.platform_views import platform_overview
from networks.views import after_login, favicon
from pledges.public_views import landing
from stats import platform_views as stats_views

# Platform admins sign in through allauth, so its MFA and rate limits guard the admin too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", landing, name="home"),
    path("platform/", platform_overview, name="platform_overview"),
    path("platform/stats/", stats_views.platform_stats, name="platform_stats"),
    path("platform/stats/rollup/", stats_views.platform_stats_rollup, name="platform_stats_rollup"),
    path(
        "platform/stats/rollup.json",
        stats_views.platform_stats_progress,
        name="platform_stats_progress",
    ),
    path(
        "platform/stats/<slug:table>.csv", stats_views.platform_stats_csv, name="platform_stats_csv"
    ),
    path("admin/", admin.site.urls),
    path(
        "accounts/verification/resend/",
        verification_resend,
        name="account_verification_resend",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("pledges.urls_public")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("after-login/", after_login, name="after_login"),
]
