"""Development only: the bare loopback address that runserver prints leads to the public site.

Sites are told apart by host name (`localhost`, `<slug>.localhost`); `127.0.0.1` and `[::1]`
name none of them. Enabled in `config.settings.local` only, ahead of the tenant middleware.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "[::1]"})


class LoopbackRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        domain, _ = split_domain_port(request.META.get("HTTP_HOST", ""))
        if domain not in LOOPBACK_HOSTS:
            return self.get_response(request)
        # get_host() checks the header against ALLOWED_HOSTS before any of it is reused.
        _, port = split_domain_port(request.get_host())
        origin = f"{request.scheme}://{settings.PORTAL_DOMAIN}" + (f":{port}" if port else "")
        return HttpResponseRedirect(origin + request.get_full_path())
