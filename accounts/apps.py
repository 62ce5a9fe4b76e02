from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        from .receivers import on_email_confirmed

        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
