from typing import Any

from django.http import HttpRequest

from .selectors import membership_of


def portal(request: HttpRequest) -> dict[str, Any]:
    """The network being viewed (None on the public site) and the visitor's role in it."""
    tenant = getattr(request, "tenant", None)
    network = tenant if tenant is not None and not tenant.is_public else None
    membership = getattr(request, "membership", None)
    if network is not None and membership is None:
        user: Any = request.user
        membership = membership_of(user=user)
    return {"network": network, "membership": membership}
