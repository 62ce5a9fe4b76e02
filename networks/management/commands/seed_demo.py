from typing import Any

from django.core.management.base import BaseCommand

from networks import demo as network_demo
from pledges import demo as pledge_demo


class Command(BaseCommand):
    help = "Load the demo networks, stores and logins. Safe to run again: it changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        networks = network_demo.seed()
        pledge_demo.seed()
        names = ", ".join(network.name for network in networks)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {names}."))
