from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        # Celery's autodiscovery reads incidents/tasks.py only; the export tasks live apart.
        from . import export_tasks  # noqa: F401
