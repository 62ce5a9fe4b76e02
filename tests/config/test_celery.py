"""Tasks run in the network that enqueued them, on a real worker fed through Redis."""

import pytest
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
