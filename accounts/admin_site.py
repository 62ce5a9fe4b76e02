from collections.abc import Callable
from functools import update_wrapper
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from networks.access import mfa_setup_redirect, needs_mfa_setup

View = TypeVar("View", bound=Callable[..., Any])


class PortalAdminSite(admin.AdminSite):
    """The Django admin for platform admins, behind the same MFA rule as their other pages."""

    site_header = "Partner for Protection — platform admin"
    site_title = "Partner for Protection"

    def admin_view(self, view: View, cacheable: bool = False) -> View:
        inner = super().admin_view(view, cacheable)

        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user: Any = request.user
            if user.is_authenticated and user.is_staff and needs_mfa_setup(user=user):
                return mfa_setup_redirect(request)
            return inner(request, *args, **kwargs)

        return cast(View, update_wrapper(wrapper, inner))
