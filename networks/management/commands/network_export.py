from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from networks.operations import OperationError, network_by_slug, network_export


class Command(BaseCommand):
    help = (
        "Export one network completely (its schema as a pg_dump, its files and its public rows) "
        "to one .tar.gz archive, readable by its owner only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The network's address: <slug>.PORTAL_DOMAIN")
        parser.add_argument("archive", type=Path, help="The archive to write, e.g. north.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if archive.exists():
            raise CommandError(f"{archive} already exists; choose another name.")
        try:
            summary = network_export(network=network_by_slug(options["slug"]), archive=archive)
        except OperationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {options['slug']} to {summary.path}: {summary.files} files, "
                f"{summary.users} accounts, {summary.listings} public listings."
            )
        )
