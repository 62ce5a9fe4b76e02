from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed
        from django.contrib.auth.signals import user_logged_out

        from .receivers import on_email_confirmed, on_logged_out

        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
        user_logged_out.connect(on_logged_out, dispatch_uid="accounts.logged_out")
