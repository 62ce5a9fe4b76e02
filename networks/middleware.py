from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation


class NetworkLocaleMiddleware(LocaleMiddleware):
    """A person's chosen language first, then their network's default language; and the
    network's time zone.

    On the public site the browser's Accept-Language decides, as Django does by default.
    """

    def process_request(self, request: HttpRequest) -> None:
        tenant = getattr(request, "tenant", None)
        # Dates and times show in the network's own time zone; the public site uses UTC.
        if tenant is not None and not tenant.is_public:
            timezone.activate(tenant.zone)
        else:
            timezone.deactivate()
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        if tenant is not None and not tenant.is_public and chosen not in supported:
            translation.activate(tenant.language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)


class ClosedNetworkMiddleware:
    """On the host of a network that has closed, every path answers "this network is closed"
    (networks.urls_closed), for members and visitors alike: no login, no pledge, no invitation,
    no sign, no export. Static files (served before the URLs) and /healthz still answer.

    Placed right after the tenant middleware, which sets `request.tenant` and its URLs; the
    other middleware still runs, so the page has the site's usual headers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if tenant is not None and not tenant.is_public and not tenant.is_active:
            request.urlconf = "networks.urls_closed"
        return self.get_response(request)
