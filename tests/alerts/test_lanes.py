"""Several messages of a batch in flight on one thread (alerts/lanes.py): lanes interleave at
their waits, their points of no return are recorded together, and nothing runs between a
message's final bytes and the commit that records it."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context
from psycopg.pq import TransactionStatus

from alerts import commit_later, engine, lanes
from alerts.channels.base import ClaimLost
from alerts.models import Channel, Delivery
from alerts.services import alert_send
from networks.models import Network
from tests.alerts.crowd import crowd_make, urgent_draft
from tests.alerts.engine_helpers import draft
from tests.alerts.sms_server import SmtpSink
from tests.conftest import People

# --- The scheduler, on its own ----------------------------------------------------------------


def _recorder(trace: list[str]) -> Any:
    def record(parked: list[lanes.Parked]) -> None:
        trace.append(f"record {sorted(item.item for item in parked)}")
        for item in parked:
            item.final()
        trace.append("commit")

    return record


def test_lanes_take_turns_at_each_pause_and_return_their_results_in_order() -> None:
    trace: list[str] = []

    def lane(name: str) -> Any:
        def work() -> str:
            for step in range(3):
                trace.append(f"{name}{step}")
                lanes.pause()
            return name.upper()

        return work

    assert lanes.run([lane("a"), lane("b")], record=_recorder(trace)) == ["A", "B"]
    assert trace == ["a0", "b0", "a1", "b1", "a2", "b2"]


def test_parked_lanes_are_recorded_together_and_their_final_bytes_are_adjacent() -> None:
    trace: list[str] = []

    def lane(name: str, pauses: int) -> Any:
        def work() -> None:
            for _ in range(pauses):
                lanes.pause()
            trace.append(f"{name} parks")
            lanes.park(name, lambda: trace.append(f"{name} final"))
            trace.append(f"{name} resumes")

        return work

    lanes.run([lane("a", 0), lane("b", 2)], record=_recorder(trace))
    # "a" waits at its point of no return until "b" reaches its own: one record for both, the
    # final writes back to back inside it, then the commit.
    assert trace == [
        "a parks",
        "b parks",
        "record ['a', 'b']",
        "a final",
        "b final",
        "commit",
        "a resumes",
        "b resumes",
    ]


def test_a_sleeping_lane_lets_the_others_run_and_wakes_at_its_moment() -> None:
    trace: list[str] = []
    start = time.time()

    def sleeper() -> None:
        lanes.sleep_until(start + 0.2)
        trace.append(f"sleeper {time.time() >= start + 0.2}")

    def worker() -> None:
        for step in range(3):
            trace.append(f"worker{step}")
            lanes.pause()

    lanes.run([sleeper, worker], record=_recorder(trace))
    assert trace == ["worker0", "worker1", "worker2", "sleeper True"]


def test_a_lane_parked_while_another_sleeps_is_recorded_without_waiting_for_it() -> None:
    trace: list[str] = []
    start = time.time()

    def sleeper() -> None:
        lanes.sleep_until(start + 0.3)
        trace.append("sleeper wakes")

    def sender() -> None:
        lanes.park("x", lambda: trace.append("x final"))
        trace.append(f"x recorded after {time.time() - start:.1f}s")

    lanes.run([sleeper, sender], record=_recorder(trace))
    assert trace[:4] == ["record ['x']", "x final", "commit", "x recorded after 0.0s"]
    assert trace[-1] == "sleeper wakes"


def test_what_record_refuses_is_raised_in_that_lane_only() -> None:
    outcomes: dict[str, str] = {}

    def record(parked: list[lanes.Parked]) -> None:
        for item in parked:
            if item.item == "lost":
                item.error = ClaimLost("no longer ours")
            else:
                item.final()

    def lane(name: str) -> Any:
        def work() -> None:
            try:
                lanes.park(name, lambda: outcomes.update({name: "written"}))
            except ClaimLost:
                outcomes[name] = "abandoned"

        return work

    lanes.run([lane("kept"), lane("lost")], record=record)
    assert outcomes == {"kept": "written", "lost": "abandoned"}


def test_a_failing_record_fails_every_parked_lane() -> None:
    failures: list[str] = []

    def record(parked: list[lanes.Parked]) -> None:
        raise ConnectionError("the database went away")

    def lane(name: str) -> Any:
        def work() -> None:
            try:
                lanes.park(name, lambda: None)
            except ConnectionError:
                failures.append(name)

        return work

    lanes.run([lane("a"), lane("b")], record=record)
    assert failures == ["a", "b"]


def test_an_error_in_one_lane_lets_the_others_finish_then_is_raised() -> None:
    finished: list[str] = []

    def broken() -> None:
        lanes.pause()
        raise ValueError("a bug")

    def steady() -> None:
        for _ in range(3):
            lanes.pause()
        finished.append("steady")

    with pytest.raises(ValueError, match="a bug"):
        lanes.run([broken, steady], record=_recorder([]))
    assert finished == ["steady"]


def test_outside_a_lane_pause_does_nothing_and_sleep_sleeps() -> None:
    lanes.pause()
    start = time.time()
    lanes.sleep_until(start + 0.05)
    assert time.time() >= start + 0.05
    assert not lanes.in_lane()
    with pytest.raises(RuntimeError):
        lanes.park("x", lambda: None)


# --- Recording parked messages, against the database ------------------------------------------


def _claimed_emails(people: People) -> list[Delivery]:
    alert = draft(people)
    assert alert_send(alert_id=alert.pk, by=people.coordinator) is not None
    rows = list(Delivery.objects.filter(alert=alert, channel=Channel.EMAIL).order_by("pk")[:3])
    # Committed, the send's fan-out has already run (eager tasks): queued again, as if not.
    Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Delivery.Status.QUEUED, sent_at=None, claimed_at=None
    )
    claimed_at, attempts = engine._claim([row.pk for row in rows])
    for row in rows:
        row.status, row.claimed_at, row.attempts = (
            Delivery.Status.SENDING,
            claimed_at,
            attempts[row.pk],
        )
    return rows


def _idle() -> bool:
    return connection.connection.info.transaction_status == TransactionStatus.IDLE


def _record_three(north: Network, north_people: People, *, committed: bool) -> None:
    assert connection.in_atomic_block is not committed
    written: list[int] = []
    with schema_context(north.schema_name):
        kept, lost, broken = _claimed_emails(north_people)
        # The sweeper gave `lost` to another worker meanwhile (a newer claim).
        Delivery.objects.filter(pk=lost.pk).update(claimed_at=timezone.now())

        def final_of(delivery: Delivery) -> Any:
            def final() -> None:
                if delivery is broken:
                    raise OSError("connection reset")
                written.append(delivery.pk)

            return final

        parked = [
            lanes.Parked(item=engine._Attempt(delivery), final=final_of(delivery))
            for delivery in (kept, lost, broken)
        ]
        engine.record_parked(parked)
        # In its own transaction the COMMIT has gone out; its answer is read before the
        # connection's next query.
        assert commit_later.pending() is committed
        status = dict(
            Delivery.objects.filter(pk__in=[kept.pk, lost.pk, broken.pk]).values_list(
                "pk", "status"
            )
        )
    assert written == [kept.pk]
    assert [type(item.error) for item in parked] == [type(None), ClaimLost, OSError]
    if committed:
        assert _idle()  # committed, nothing left open
    assert status == {
        kept.pk: Delivery.Status.SENT,
        # Still the other worker's to send.
        lost.pk: Delivery.Status.SENDING,
        # Not written: back to "sending", so that its sender's retry puts it back in the queue.
        broken.pk: Delivery.Status.SENDING,
    }


@pytest.mark.django_db
def test_recording_inside_a_transaction_marks_sent_writes_final_bytes_and_skips_a_lost_claim(
    north: Network, north_people: People
) -> None:
    _record_three(north, north_people, committed=False)


@pytest.mark.usefixtures("live_db")
def test_recording_in_its_own_transaction_does_the_same_and_commits(
    north: Network, north_people: People
) -> None:
    # As in a worker: BEGIN goes with the UPDATE, COMMIT after the final writes.
    _record_three(north, north_people, committed=True)


@pytest.mark.usefixtures("live_db")
def test_an_unforeseen_error_in_a_final_write_rolls_everything_back(
    north: Network, north_people: People
) -> None:
    written: list[int] = []
    with schema_context(north.schema_name):
        first, second, _ = _claimed_emails(north_people)

        def interrupted() -> None:
            raise KeyboardInterrupt

        parked = [
            lanes.Parked(item=engine._Attempt(first), final=lambda: written.append(first.pk)),
            lanes.Parked(item=engine._Attempt(second), final=interrupted),
        ]
        with pytest.raises(KeyboardInterrupt):
            engine.record_parked(parked)
        assert _idle()
        statuses = set(
            Delivery.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
        )
    # Rolled back: still "sending", so the sweeper sends both again once the claim is stale.
    assert statuses == {Delivery.Status.SENDING}


@pytest.mark.django_db
def test_a_large_email_batch_goes_over_four_lanes_each_address_once(
    north: Network, north_people: People, smtp_sink: SmtpSink, settings: Any
) -> None:
    settings.ALERTS_CHANNEL_RATES = {**settings.ALERTS_CHANNEL_RATES, "email": 1000.0}
    settings.ALERTS_SEND_LANES = 4
    crowd = crowd_make(network=north, store=north_people.store, count=100, tag="lane")
    assert engine.lanes_for(rate=1000.0, messages=100) == 4
    alert = urgent_draft(network=north, by=north_people.coordinator)
    with schema_context(north.schema_name):
        assert alert_send(alert_id=alert.pk, by=north_people.coordinator) is not None
        ids = list(
            Delivery.objects.filter(alert=alert, channel=Channel.EMAIL)
            .order_by("pk")
            .values_list("pk", flat=True)[:100]
        )
        result = engine.deliver_batch(delivery_ids=ids, channel=Channel.EMAIL, may_yield=False)
        sent_at = Counter(
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENT).values_list(
                "sent_at", flat=True
            )
        )
    assert result.sent == 100
    assert sum(sent_at.values()) == 100
    # Recorded in groups: several messages share one transaction's moment.
    assert max(sent_at.values()) >= 3
    assert len(sent_at) < 100
    received = smtp_sink.count_by_to()
    assert sum(received.values()) == 100
    assert set(received.values()) == {1}
    assert set(received) <= set(crowd.emails) | {
        person.email
        for person in (
            north_people.owner,
            north_people.staff,
            north_people.coordinator,
            north_people.police,
            north_people.other_store_owner,
        )
    }
