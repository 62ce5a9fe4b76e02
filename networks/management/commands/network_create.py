from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from networks.services import network_create


class Command(BaseCommand):
    help = "Create a crime-prevention network: its schema (cloned from the template) and host."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Address of the network: <slug>.PORTAL_DOMAIN")
        parser.add_argument("name")
        parser.add_argument("--country", required=True, help="ISO 3166 code, e.g. US or CA")
        parser.add_argument("--region", default="")
        parser.add_argument("--timezone", default="UTC")
        parser.add_argument("--language", default="en")
        parser.add_argument("--contact-email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            network = network_create(
                name=options["name"],
                slug=options["slug"],
                country=options["country"],
                region=options["region"],
                timezone=options["timezone"],
                language=options["language"],
                contact_email=options["contact_email"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        domain = network.get_primary_domain()
        self.stdout.write(self.style.SUCCESS(f"Created {network.name} at {domain}"))
