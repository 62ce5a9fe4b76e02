import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from networks.operations import OperationError, network_by_slug, network_delete


class Command(BaseCommand):
    help = (
        "Delete one network completely: its schema, files, public listings and domains. "
        "Asks you to type the network's address; scripts pass --yes-i-typed <slug>."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument(
            "--yes-i-typed",
            dest="typed",
            metavar="SLUG",
            help="The network's address again, for scripts that cannot answer the question.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            network = network_by_slug(options["slug"])
        except OperationError as error:
            raise CommandError(str(error)) from error
        typed = options["typed"]
        if typed is None:
            if not sys.stdin.isatty():
                raise CommandError("Not a terminal: pass --yes-i-typed <slug> to confirm.")
            self.stdout.write(
                f"This deletes {network.name} ({network.slug}) for good: every store, member, "
                "pledge, file and public listing. Accounts stay."
            )
            typed = input(f"Type {network.slug} to delete it: ").strip()
        try:
            network_delete(network=network, confirmation=typed)
        except OperationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Deleted {options['slug']}."))
