from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register

from .routers import NETWORK_ONLY_MODELS, PUBLIC_ONLY_MODELS


@register()
def models_of_dual_apps_are_placed(**kwargs: Any) -> list[Error]:
    """An app in both SHARED_APPS and TENANT_APPS must say where each of its models lives."""
    errors = []
    placed = PUBLIC_ONLY_MODELS | NETWORK_ONLY_MODELS
    dual = (set(settings.SHARED_APPS) & set(settings.TENANT_APPS)) - {"django.contrib.contenttypes"}
    for app_name in dual:
        config = next(c for c in apps.get_app_configs() if c.name == app_name)
        for model in config.get_models():
            if model._meta.label_lower not in placed:
                errors.append(
                    Error(
                        f"{model._meta.label} is in an app shared by public and network "
                        "schemas but not placed in networks.routers.",
                        id="networks.E001",
                    )
                )
    return errors
