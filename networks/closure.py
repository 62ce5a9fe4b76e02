"""A network that has closed (`Network.is_active` off): its host shows one page to everyone,
its data stays in its schema for the platform admins to export, and nothing writes there.

The middleware (networks.middleware.ClosedNetworkMiddleware) answers every request on the
host; the guard below is for what does not come through a request on that host — Celery
tasks, management commands, the Django admin, a request opened before the closing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_tenants.utils import get_public_schema_name

from .models import Network
from .schemas import current_schema


class NetworkClosedError(Exception):
    """A write was asked of a network that has closed."""

    def __init__(self, network_name: str = "") -> None:
        super().__init__(
            _("%(network)s is closed: nothing can be changed in it.") % {"network": network_name}
            if network_name
            else _("This network is closed: nothing can be changed in it.")
        )


def network_open_required() -> None:
    """Refuse to write in the current network's schema once the network has closed.

    Services that write in a network schema call this first. It reads the flag from the
    database, not from the request's tenant, so a closing takes effect at once everywhere.
    """
    schema = current_schema()
    if schema == get_public_schema_name():
        return
    closed = Network.objects.filter(schema_name=schema, is_active=False).first()
    if closed is not None:
        raise NetworkClosedError(closed.name)


@csrf_exempt  # nothing is written; a login form posted to a closed host gets this page too
def network_closed(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Every path of a closed network's host: 410 Gone, whatever the method or the visitor."""
    tenant = getattr(request, "tenant", None)
    response = render(request, "networks/closed.html", {"closed_network": tenant}, status=410)
    # The network may open again: no cache may keep this answer.
    response["Cache-Control"] = "no-store"
    return response
