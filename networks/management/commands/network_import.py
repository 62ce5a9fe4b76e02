from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from networks.operations import OperationError, network_import


class Command(BaseCommand):
    help = (
        "Import a network archive made by network_export into this portal, which must not "
        "have that network. Accounts are matched by email; new ones get no password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            network = network_import(archive=archive)
        except OperationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {network.name} at {network.get_primary_domain()}.")
        )
