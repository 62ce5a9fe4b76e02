"""Background work for the toolkit (queue "render", away from alerts)."""

from __future__ import annotations

from config.celery import network_task

from . import services


@network_task(name="toolkit.toolkit_bundle_build")
def toolkit_bundle_build(*, bundle_id: int) -> None:
    """Build the "Download all" ZIP; a repeat or late delivery finds it claimed and stops."""
    services.toolkit_bundle_build(bundle_id=bundle_id)
