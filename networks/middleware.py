from django.conf import settings
from django.http import HttpRequest
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
