"""Migration routing per model, not only per app.

django-tenants decides by app label; the `networks` app holds both the tenant registry
(public schema only) and each network's stores and memberships (network schemas only).
"""

from typing import Any

from django_tenants.routers import TenantSyncRouter

from .schemas import in_public_schema

# Every model of an app listed in both SHARED_APPS and TENANT_APPS is placed here
# (networks.checks makes sure none is forgotten).
PUBLIC_ONLY_MODELS = frozenset(
    {
        "networks.network",
        "networks.domain",
        "pledges.partnerlisting",
        "pledges.networkrequest",
    }
)
NETWORK_ONLY_MODELS = frozenset(
    {
        "networks.store",
        "networks.membership",
        "networks.invitation",
        "networks.roleevent",
        "pledges.pledgeversion",
        "pledges.pledge",
        "pledges.pledgeevent",
        "pledges.acknowledgement",
    }
)


class NetworkSyncRouter(TenantSyncRouter):
    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        allowed = super().allow_migrate(db, app_label, model_name=model_name, **hints)
        if allowed is False or model_name is None:
            return allowed
        key = f"{app_label}.{model_name}"
        in_public = in_public_schema(db)
        if in_public and key in NETWORK_ONLY_MODELS:
            return False
        if not in_public and key in PUBLIC_ONLY_MODELS:
            return False
        return allowed
