"""Links between the public site and the networks, which live on different hosts."""

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest

from networks.models import Network
from networks.services import network_domain

register = template.Library()


def _origin(request: HttpRequest | None, host: str) -> str:
    if request is not None:
        scheme = request.scheme
        port = request.get_port()
    else:
        scheme = settings.PORTAL_SCHEME
        port = str(settings.PORTAL_PORT or "")
    default_port = {"http": "80", "https": "443"}.get(scheme or "")
    suffix = f":{port}" if port and port != default_port else ""
    return f"{scheme}://{host}{suffix}"


def network_origin(network: Network, request: HttpRequest | None = None) -> str:
    """Scheme, host and port of a network, for links in emails and on other hosts."""
    return _origin(request, network_domain(slug=network.slug))


def public_origin(request: HttpRequest | None = None) -> str:
    return _origin(request, settings.PORTAL_DOMAIN)


@register.simple_tag(takes_context=True)
def network_url(context: dict[str, Any], network: Network, path: str = "/") -> str:
    """Absolute URL of a page of `network`, on the same scheme and port as this request."""
    return network_origin(network, context.get("request")) + path


@register.simple_tag(takes_context=True)
def public_url(context: dict[str, Any], path: str = "/") -> str:
    """Absolute URL of a page of the movement's public site."""
    return public_origin(context.get("request")) + path


@register.filter
def country_name(code: str) -> str:
    """A country spelled out ("Canada", not "CA", which also reads as California)."""
    from pledges.directory import country_name as name_of

    return name_of(str(code or "").upper()) if code else ""
