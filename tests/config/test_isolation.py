"""Isolation is configured, not assumed: cache, media and shared tables per network."""

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django_tenants.utils import schema_context

from networks.models import Network


def test_cache_entries_of_one_network_are_invisible_to_another(
    north: Network, lakeshore: Network
) -> None:
    with schema_context(north.schema_name):
        cache.set("latest-alert", "north secret", 60)
        assert cache.get("latest-alert") == "north secret"
    with schema_context(lakeshore.schema_name):
        assert cache.get("latest-alert") is None
    assert cache.get("latest-alert") is None


def test_uploads_land_in_their_networks_folder(
    north: Network, lakeshore: Network, tmp_path, settings
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    with schema_context(north.schema_name):
        name = default_storage.save("logos/logo.png", ContentFile(b"north"))
        north_path = default_storage.path(name)
    with schema_context(lakeshore.schema_name):
        assert not default_storage.exists(name)
    assert north_path.startswith(str(tmp_path / "north"))


def test_accounts_and_sessions_exist_only_in_public(north: Network) -> None:
    for app in ("django.contrib.auth", "django.contrib.sessions", "allauth.account", "allauth.mfa"):
        assert app in settings.SHARED_APPS
        assert app not in settings.TENANT_APPS
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [north.schema_name])
        tables = {row[0] for row in cursor.fetchall()}
    assert (
        not {"accounts_user", "django_session", "account_emailaddress", "mfa_authenticator"}
        & tables
    )


def test_rate_limits_use_a_real_shared_cache() -> None:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    # Django's Redis backend (networks.cache.RedisCache only reuses its clients).
    assert isinstance(caches["default"], RedisCache)
    # Per schema, except accounts' rate limits, which are global (tests/networks/test_cache.py).
    assert settings.CACHES["default"]["KEY_FUNCTION"] == "networks.cache.make_key"
