"""The active schema of the database connection, typed (django-tenants adds it at run time)."""

from typing import Any, cast

from django.db import connection, connections
from django_tenants.utils import get_public_schema_name


def current_schema(alias: str = "default") -> str:
    return str(cast(Any, connections[alias]).schema_name)


def in_public_schema(alias: str = "default") -> bool:
    return current_schema(alias) == get_public_schema_name()


def use_public_schema() -> None:
    cast(Any, connection).set_schema_to_public()
