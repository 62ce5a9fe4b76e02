from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from networks.services import public_site_ensure, template_schema_ensure


class Command(BaseCommand):
    help = "Migrate the public schema, the network template schema and every network."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        public_site_ensure()
        template_schema_ensure(verbosity=verbosity)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        self.stdout.write(self.style.SUCCESS("Public, template and network schemas are migrated."))
