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

from .schemas import current_schema

# Schema names come from network slugs, which start with a letter: never this.
GLOBAL_SCOPE = "_global"
GLOBAL_KEY_STARTS = ("allauth:", "allauth.")


def make_key(key: str, key_prefix: str, version: int | str) -> str:
    scope = GLOBAL_SCOPE if key.startswith(GLOBAL_KEY_STARTS) else current_schema()
    return f"{scope}:{key_prefix}:{version}:{key}"


def reverse_key(key: str) -> str:
    return key.split(":", 3)[3]
