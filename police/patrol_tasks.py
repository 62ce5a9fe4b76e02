"""Mail about patrol requests, sent after the change commits (default queue)."""

from __future__ import annotations

from config.celery import network_task

from . import patrol_services


@network_task(name="police.patrol_tell_police")
def patrol_tell_police(*, patrol_id: int) -> None:
    patrol_services.patrol_request_tell_police(patrol_id=patrol_id)


@network_task(name="police.patrol_tell_owner")
def patrol_tell_owner(*, patrol_id: int) -> None:
    patrol_services.patrol_request_tell_owner(patrol_id=patrol_id)


@network_task(name="police.patrol_tell_officer")
def patrol_tell_officer(*, patrol_id: int) -> None:
    patrol_services.patrol_request_tell_officer(patrol_id=patrol_id)
