from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alerts import demo as alert_demo
from incidents import demo as incident_demo
from networks import demo as network_demo
from pledges import demo as pledge_demo
from police import demo as police_demo
from stats import demo as stats_demo


class Command(BaseCommand):
    help = "Load the demo networks, stores and logins. Safe to run again: it changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # The demo logins share one published password and, under the local settings,
            # skip MFA: they must never exist on a server people rely on.
            raise CommandError(
                "seed_demo loads demo logins with a published password; it runs only with "
                "DEBUG on (DJANGO_SETTINGS_MODULE=config.settings.local)."
            )
        networks = network_demo.seed()
        pledge_demo.seed()
        incident_demo.seed()
        alert_demo.seed()
        police_demo.seed()
        stats_demo.seed()
        names = ", ".join(network.name for network in networks)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {names}."))
