"""The active schema of the database connection, typed (django-tenants adds it at run time)."""

from typing import TYPE_CHECKING, Any, cast

from django.db import connection, connections
from django_tenants.utils import get_public_schema_name

if TYPE_CHECKING:
    from .models import Network


def current_schema(alias: str = "default") -> str:
    return str(cast(Any, connections[alias]).schema_name)


def in_public_schema(alias: str = "default") -> bool:
    return current_schema(alias) == get_public_schema_name()


def current_network() -> "Network":
    """The network whose schema is active. connection.tenant is only a stand-in under
    schema_context (in-process tasks, scripts): the row is the truth."""
    from .models import Network

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Network):
        return tenant
    return Network.objects.get(schema_name=current_schema())


def use_public_schema() -> None:
    cast(Any, connection).set_schema_to_public()
