from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site class (MFA for platform admins)."""

    default_site = "accounts.admin_site.PortalAdminSite"
