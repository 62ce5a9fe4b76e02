"""Tasks run in the network that enqueued them, on a real worker fed through Redis."""

import time
from typing import Any

import pytest
from celery import chord, group
from django_tenants.utils import schema_context

from config.celery import MissingNetworkError, app, network_task
from networks.models import Network, Store
from networks.schemas import current_schema
from tests.factories import StoreFactory


@network_task(name="tests.describe_network", ignore_result=False)
def describe_network() -> dict[str, object]:
    return {
        "schema": current_schema(),
        "stores": sorted(Store.objects.values_list("display_name", flat=True)),
    }


def test_task_enqueued_in_a_network_runs_in_that_network(
    north: Network, lakeshore: Network, celery_worker: None
) -> None:
    with schema_context(north.schema_name):
        StoreFactory.create(display_name="Only In North")
    with schema_context(lakeshore.schema_name):
        StoreFactory.create(display_name="Only In Lakeshore")
        result = describe_network.delay()
    assert result.get(timeout=20) == {"schema": "lakeshore", "stores": ["Only In Lakeshore"]}


def test_task_without_a_network_fails_instead_of_running_in_public(celery_worker: None) -> None:
    assert current_schema() == "public"
    result = describe_network.delay()
    with pytest.raises(MissingNetworkError):
        result.get(timeout=20)


def test_task_sent_with_no_schema_header_at_all_fails(celery_worker: None) -> None:
    result = app.send_task("tests.describe_network", headers={"_schema_name": None})
    with pytest.raises(MissingNetworkError):
        result.get(timeout=20)


# --- Every way a task can be sent keeps its network ---------------------------------------


@network_task(name="tests.schema_of_run", ignore_result=False)
def schema_of_run(*_previous: object) -> str:
    return current_schema()


@network_task(name="tests.schemas_seen", ignore_result=False)
def schemas_seen(results: list[str]) -> dict[str, object]:
    return {"callback": current_schema(), "parts": results}


@network_task(name="tests.retried_once", bind=True, ignore_result=False, max_retries=1)
def retried_once(self: Any) -> str:
    if self.request.retries == 0:
        raise self.retry(countdown=0)
    return current_schema()


def test_a_group_enqueued_in_a_network_runs_every_part_there(
    lakeshore: Network, celery_worker: None
) -> None:
    with schema_context(lakeshore.schema_name):
        result = group(schema_of_run.s() for _ in range(3)).delay()
    assert result.get(timeout=20) == ["lakeshore"] * 3


def test_a_chord_runs_its_parts_and_its_callback_in_the_network(
    lakeshore: Network, celery_worker: None
) -> None:
    with schema_context(lakeshore.schema_name):
        result = chord(schema_of_run.s() for _ in range(2))(schemas_seen.s())
    assert result.get(timeout=20) == {"callback": "lakeshore", "parts": ["lakeshore"] * 2}


def test_a_retried_task_runs_again_in_its_network(lakeshore: Network, celery_worker: None) -> None:
    with schema_context(lakeshore.schema_name):
        result = retried_once.delay()
    assert result.get(timeout=20) == "lakeshore"


@network_task(name="tests.leave_a_mark")
def leave_a_mark(name: str) -> None:
    StoreFactory.create(display_name=name)


def test_beat_sends_a_scheduled_network_task_to_every_open_network_in_its_schema(
    north: Network, lakeshore: Network, celery_worker: None, tmp_path: Any
) -> None:
    from config.beat import NetworkScheduler

    Network.objects.filter(pk=lakeshore.pk).update(is_active=False)
    app.conf.beat_schedule = {
        "mark": {"task": "tests.leave_a_mark", "schedule": 3600, "args": ("Beat was here",)}
    }
    try:
        scheduler = NetworkScheduler(app=app, schedule_filename=str(tmp_path / "beat"))
        for entry in list(scheduler.schedule.values()):
            if entry.task == "tests.leave_a_mark":
                scheduler.apply_entry(entry)
    finally:
        app.conf.beat_schedule = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with schema_context(north.schema_name):
            if Store.objects.filter(display_name="Beat was here").exists():
                break
        time.sleep(0.1)
    with schema_context(north.schema_name):
        assert Store.objects.filter(display_name="Beat was here").count() == 1
    with schema_context(lakeshore.schema_name):
        assert not Store.objects.filter(display_name="Beat was here").exists()
    Network.objects.filter(pk=lakeshore.pk).update(is_active=True)
