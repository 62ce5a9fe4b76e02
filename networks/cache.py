"""Cache keys: per network, except for what belongs to an account.

Every key carries the schema that was active when it was made, so one network never reads
another's entries (django-tenants' key function). Accounts live in the public schema and log
in on every network's host, so allauth's entries — rate-limit counters (failed logins, TOTP
attempts, password-reset and confirmation mails) and the TOTP codes already used — must be
one per account, not one per account and network: a prefix per schema would let each host
count its own five failed logins. allauth reads and writes them through the default cache
(allauth.core.internal.ratelimit, allauth.mfa.totp.internal.auth), under keys that start
with "allauth", so those keys get the same global marker whatever the schema.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from .schemas import current_schema

# Schema names come from network slugs, which start with a letter: never this.
GLOBAL_SCOPE = "_global"
# Sessions too: their table is one, in the public schema, and a session flushed (logout) must
# be gone from the cache whichever host's schema was active (the cached_db session engine).
GLOBAL_KEY_STARTS = ("allauth:", "allauth.", "django.contrib.sessions.")


def make_key(key: str, key_prefix: str, version: int | str) -> str:
    scope = GLOBAL_SCOPE if key.startswith(GLOBAL_KEY_STARTS) else current_schema()
    return f"{scope}:{key_prefix}:{version}:{key}"


def reverse_key(key: str) -> str:
    return key.split(":", 3)[3]


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django wraps the connection pool in a new redis.Redis for every cache call, which
    costs about as much as the call itself (0.07 ms, on every session read); one client per
    pool serves them all (redis-py clients are thread-safe, and each thread has its own
    cache object anyway)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClientRedisCacheClient
