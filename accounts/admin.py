from typing import Any

import allauth.account.admin  # noqa: F401 - registers EmailAddress, unregistered below
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from networks.access import has_totp

from .models import User
from .services import sessions_end, user_delete


class UserChangeForm(BaseUserChangeForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        made_admin = {"is_staff", "is_superuser"} & set(self.changed_data)
        if made_admin and (cleaned.get("is_staff") or cleaned.get("is_superuser")):
            # A platform admin never starts without an authenticator: otherwise whoever
            # has the password enrols their own on first use.
            exempt = self.instance.email in settings.PORTAL_MFA_EXEMPT_EMAILS
            if not exempt and not has_totp(user=self.instance):
                raise ValidationError(
                    _(
                        "This person has no authenticator app yet. They set one up first "
                        "(logged in, under Account, Two-factor authentication), then you "
                        "make them a platform admin."
                    )
                )
        return cleaned


# allauth's app is also called "Accounts": its email addresses listed apart made a second
# "Accounts" section in the admin. They belong to their user, so they are shown on the user's
# page instead.
admin.site.unregister(EmailAddress)


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    extra = 0
    fields = ("email", "verified", "primary")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = (EmailAddressInline,)
    form = UserChangeForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name",)}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Deactivating an account also throws out whoever is logged in as it right now.
            sessions_end(user_id=obj.pk)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        user_delete(user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_delete(user=user)
