"""Which webhook addresses the portal will POST to.

A coordinator types the URL, so a webhook must not become a way to reach the portal's own
network (the database, Redis, a cloud metadata service at 169.254.169.254). The URL is checked
when it is saved (for a clear message) and again at every send, on the addresses the host
resolves to at that moment (DNS can change between the two). Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allow_private() -> bool:
    return bool(getattr(settings, "ALERTS_WEBHOOK_ALLOW_PRIVATE", False))


def address_error(address: IPAddress) -> str | None:
    """Why the portal refuses to connect to `address`, or None when it is a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback and _allow_private():
        return None
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        return _("%(address)s is a private or local address, which webhooks cannot reach.") % {
            "address": address
        }
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # Drop an IPv6 zone ("fe80::1%eth0"): ipaddress would refuse it.
        text = str(sockaddr[0]).split("%", 1)[0]
        addresses.append(ipaddress.ip_address(text))
    return addresses


def public_url_error(url: str) -> str | None:
    """Why a webhook cannot be sent to `url` (a translated sentence), or None when it can:
    http(s) only, no credentials in it, and every address its host resolves to public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("This is not a valid web address.")
    if parts.scheme not in ("http", "https"):
        return _("The address must start with https:// or http://.")
    if not parts.hostname:
        return _("The address has no host name.")
    if parts.username or parts.password:
        return _("The address must not carry a user name or password.")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(parts.hostname, port)
    except (OSError, UnicodeError, ValueError):
        return _("The host %(host)s could not be found.") % {"host": parts.hostname}
    if not addresses:
        return _("The host %(host)s could not be found.") % {"host": parts.hostname}
    for address in addresses:
        error = address_error(address)
        if error is not None:
            return error
    return None
