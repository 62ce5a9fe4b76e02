"""How the isolation crawler (tests/security/) attacks the account pages (allauth, on every
host) and the Django admin (public site, platform admins only)."""

from __future__ import annotations

from typing import Any

from tests.security.crawler import PLATFORM, PUBLIC, Probe, Side

# Accounts are global, so these pages answer on every host; none may show a network's data.
ALLAUTH_PAGES = (
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_reauthenticate",
    "account_email",
    "account_email_verification_sent",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_confirm_login_code",
    "account_reset_password_from_key_done",
    "account_reset_password_done",
    "account_verification_resend",
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
)

ADMIN_MODELS = (
    "networks_network",
    "auth_group",
    "accounts_user",
    "mfa_authenticator",
)


def _object(side: Side) -> dict[str, Any]:
    return {"object_id": side.teammate.user_id}


def _admin_probes() -> dict[str, Probe]:
    table = {
        "public:admin:index": Probe(PLATFORM, methods=("GET",)),
        "public:admin:login": Probe(PUBLIC),
        "public:admin:logout": Probe(PUBLIC),
        "public:admin:password_change": Probe(PLATFORM),
        "public:admin:password_change_done": Probe(PLATFORM, methods=("GET",)),
        "public:admin:autocomplete": Probe(PLATFORM, methods=("GET",)),
        "public:admin:jsi18n": Probe(PLATFORM, methods=("GET",)),
        "public:admin:view_on_site": Probe(
            PLATFORM, lambda side: {"content_type_id": 1, "object_id": side.teammate.user_id}
        ),
        "public:admin:auth_user_password_change": Probe(
            PLATFORM, lambda side: {"id": side.teammate.user_id}
        ),
        "public:admin:app_list": Probe(PLATFORM, lambda side: {"app_label": "accounts"}),
        "public:admin/(?P<url>.*)$": Probe(PLATFORM, lambda side: {"url": "nothing-here/"}),
    }
    for model in ADMIN_MODELS:
        app_label, _sep, name = model.partition("_")
        table[f"public:admin:{model}_changelist"] = Probe(PLATFORM, methods=("GET",))
        table[f"public:admin:{model}_add"] = Probe(PLATFORM)
        for view in ("history", "delete", "change"):
            methods = ("GET",) if view == "history" else ("GET", "POST")
            table[f"public:admin:{model}_{view}"] = Probe(PLATFORM, _object, methods=methods)
        table[f"public:admin/{app_label}/{name}/<path:object_id>/"] = Probe(
            PLATFORM, _object, methods=("GET",)
        )
    return table


PROBES = {
    **{f"{conf}:{name}": Probe(PUBLIC) for conf in ("tenant", "public") for name in ALLAUTH_PAGES},
    **{
        f"{conf}:account_confirm_email": Probe(PUBLIC, lambda side: {"key": side.email_key})
        for conf in ("tenant", "public")
    },
    **{
        f"{conf}:account_reset_password_from_key": Probe(
            PUBLIC, lambda side: {"uidb36": side.reset_uid, "key": side.reset_key}
        )
        for conf in ("tenant", "public")
    },
    **_admin_probes(),
}


def plant(side: Side) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    # The owner's account: its keys are secrets of its own, and its address is no marker.
    user = side.owner
    address = EmailAddress.objects.get(user=user, email=user.email)
    side.objects["email_key"] = EmailConfirmationHMAC(address).key
    side.objects["reset_uid"] = user_pk_to_url_str(user)
    side.objects["reset_key"] = default_token_generator.make_token(user)
