"""URLs of a closed network's host: one page for every path (networks.closure).

The network's own URLs follow, never reached, so that `{% url %}` in shared templates still
resolves."""

from typing import cast

from django.urls import URLPattern, URLResolver, path, re_path

from config.health import healthz
from config.urls_tenant import urlpatterns as network_urlpatterns

from .closure import network_closed

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz),
    re_path(r"^", network_closed, name="network_closed"),
    *cast(list[URLPattern | URLResolver], network_urlpatterns),
]
