"""Several messages of one batch in flight at once, on one thread.

A message spends most of its time waiting: for the provider's replies and for the database's
commit. Lanes overlap those waits. Each lane is a greenlet with its own provider connection
that sends the batch's groups the way a lone sender would, and hands control back whenever it
would wait: after writing a command and before reading its reply (`pause`), when its next
message's slot is still ahead (`sleep_until`), and at its message's point of no return
(`park`). The scheduler runs every lane that can run; when none can, it hands the parked
messages to `record` — which marks them sent in one transaction, writes each one's final bytes
and commits — and resumes them; when nothing is parked either, it sleeps until the first slot.

Why not threads: a message is exactly once only if nothing runs between its final bytes and
the COMMIT that records it. A thread that has written its final bytes may wait for the
interpreter lock, held by another lane, before it can send that COMMIT: milliseconds in which
a worker killed with SIGKILL leaves a message the provider has and the database does not know
was sent (the fault test saw it sent twice). Here every lane shares one thread and one
database connection; the final bytes of the parked messages and their COMMIT are adjacent
system calls, as with one lane. `greenlet` is the library Playwright and SQLAlchemy use for
the same purpose: explicit switches, no event loop, no monkey-patching.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from greenlet import GreenletExit, getcurrent, greenlet

T = TypeVar("T")

_PAUSE = "pause"
_SLEEP = "sleep"
_PARK = "park"
_DONE = "done"


@dataclass
class Parked:
    """A lane stopped at its message's point of no return: what it carries (the engine's
    attempt) and its final write. `record` sets `error` for a lane whose message was not
    recorded; it is raised in the lane when it resumes."""

    item: Any
    final: Callable[[], None]
    error: BaseException | None = None


class _Lane(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.glet = greenlet(self._body)
        self.state = _PAUSE
        self.wake = 0.0
        self.parked: Parked | None = None
        self.result: T | None = None
        self.error: BaseException | None = None

    def _body(self) -> None:
        try:
            self.result = self.work()
        except BaseException as error:  # handed to run(), raised there once all are done
            self.error = error
        self.state = _DONE

    def runnable(self, now: float) -> bool:
        return self.state == _PAUSE or (self.state == _SLEEP and self.wake <= now)

    def step(self) -> None:
        _current[self.glet] = self
        self.glet.switch()
        if self.glet.dead:
            self.state = _DONE
            _current.pop(self.glet, None)


_current: dict[greenlet, _Lane[Any]] = {}


def _lane() -> _Lane[Any] | None:
    return _current.get(getcurrent())


def in_lane() -> bool:
    return _lane() is not None


def pause() -> None:
    """Let the other lanes run (a command is on its way and its reply not read yet); outside
    a lane, nothing."""
    lane = _lane()
    if lane is not None:
        _switch_out(lane, _PAUSE)


def sleep_until(moment: float) -> None:
    """Wait until `moment` (time.time()): the other lanes run meanwhile."""
    lane = _lane()
    if lane is None:
        ahead = moment - time.time()
        if ahead > 0:
            time.sleep(ahead)
        return
    if moment > time.time():
        lane.wake = moment
        _switch_out(lane, _SLEEP)


def park(item: Any, final: Callable[[], None]) -> None:
    """Stop at the point of no return until `record` has dealt with this message; raises what
    `record` set for it."""
    lane = _lane()
    if lane is None:
        raise RuntimeError("park() outside a lane")
    parked = Parked(item=item, final=final)
    lane.parked = parked
    _switch_out(lane, _PARK)
    if parked.error is not None:
        raise parked.error


def _switch_out(lane: _Lane[Any], state: str) -> None:
    lane.state = state
    lane.glet.parent.switch()


def run(works: Sequence[Callable[[], T]], *, record: Callable[[list[Parked]], None]) -> list[T]:
    """Run `works` as lanes until all are done; their results in order. An exception in a
    lane ends that lane; the others finish, then the first exception is raised here."""
    lanes = [_Lane(work) for work in works]
    try:
        while live := [lane for lane in lanes if lane.state != _DONE]:
            now = time.time()
            runnable = [lane for lane in live if lane.runnable(now)]
            for lane in runnable:
                lane.step()
            if runnable:
                continue
            parked = [lane for lane in live if lane.state == _PARK]
            if parked:
                items = [lane.parked for lane in parked if lane.parked is not None]
                try:
                    record(items)
                except BaseException as error:
                    for item in items:
                        item.error = item.error or error
                for lane in parked:
                    lane.state, lane.parked = _PAUSE, None
                continue
            time.sleep(max(0.0, min(lane.wake for lane in live) - time.time()))
    finally:
        for lane in lanes:
            if not lane.glet.dead:
                # Only when the scheduler itself failed: end the lanes (their `with` blocks
                # close their connections).
                lane.glet.throw(GreenletExit)
            _current.pop(lane.glet, None)
    for lane in lanes:
        if lane.error is not None:
            raise lane.error
    return [lane.result for lane in lanes]  # type: ignore[misc]  # all done
