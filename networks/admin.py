from django.contrib import admin
from django.http import HttpRequest

from .models import Domain, Network


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "region", "country", "language", "is_active", "created_at")
    list_filter = ("is_active", "country", "language")
    search_fields = ("name", "slug", "region")
    readonly_fields = ("schema_name", "slug", "created_at")
    inlines = (DomainInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A network needs its schema cloned and its host set up: `manage.py network_create`.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Network | None = None) -> bool:
        return False
