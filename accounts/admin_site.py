from collections.abc import Callable
from functools import update_wrapper
from typing import Any, TypeVar, cast

from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase, QueryDict

from networks.access import mfa_setup_redirect, needs_mfa_setup

View = TypeVar("View", bound=Callable[..., Any])

# Django's admin and django-tenants' admin templates (index, app list) set styles inline, which
# the portal's policy (style-src 'self') blocks. The admin's own pages, and only those, may
# use inline styles; scripts stay 'self' only, as everywhere else.
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}


class PortalAdminSite(admin.AdminSite):
    """The Django admin for platform admins, behind the same MFA rule as their other pages,
    with inline styles allowed on its pages only (see ADMIN_CSP_UPDATE)."""

    site_header = "Partner for Protection — platform admin"
    site_title = "Partner for Protection"

    def admin_view(self, view: View, cacheable: bool = False) -> View:
        inner = csp_update(ADMIN_CSP_UPDATE)(super().admin_view(view, cacheable))
        model_admin = getattr(view, "__self__", None)

        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user: Any = request.user
            if user.is_authenticated and user.is_staff and needs_mfa_setup(user=user):
                return mfa_setup_redirect(request)
            if isinstance(model_admin, admin.ModelAdmin) and request.method == "POST":
                cast(Any, request).POST = _selection_of_ids_only(request.POST, model_admin)
            return inner(request, *args, **kwargs)

        return cast(View, update_wrapper(wrapper, inner))


def _selection_of_ids_only(data: QueryDict, model_admin: "admin.ModelAdmin[Any]") -> QueryDict:
    """Django's admin answers a 500 when an action's selection holds something that is not an
    id of the model (`_selected_action=`); such values are dropped, and with none left the
    admin says that items must be selected."""
    name = helpers.ACTION_CHECKBOX_NAME
    if name not in data:
        return data
    field = model_admin.model._meta.pk
    assert field is not None  # noqa: S101
    kept = []
    for value in data.getlist(name):
        try:
            field.run_validators(field.to_python(value))
        except ValidationError:
            continue
        kept.append(value)
    cleaned = data.copy()
    cleaned.setlist(name, kept)
    return cleaned
