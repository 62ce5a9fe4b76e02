"""One pace per channel for every worker of every network: a reservation limiter in Redis.

Each channel's sender (one SMS number, one SMTP relay) allows so many messages a second
(settings.ALERTS_CHANNEL_RATES), whoever sends them, so the limit is kept in one place: a Lua
script that hands out send slots on Redis's own clock: `rate` slots in each clock second,
evenly spread over its first 90% (GUARD), so that the jitter between a slot and the message's
arrival never tips one second over the rate. A worker takes a few consecutive slots in one
call (alerts.engine asks for ~50 ms worth) and sends each message at its own slot. A worker
whose slot is near sleeps until it; one whose slot would be further than MAX_AHEAD away
takes none and asks again later, so a large alert is paced, never refused, and no worker
holds a slot it cannot use soon. The grid repeats every second, so no window of one second
ever holds more than `rate` slots either.

Priority: while an urgent alert is being sent on a channel, an "urgent" mark lives on it
(set when the urgent alert is dispatched, renewed by each of its slots); other alerts' batches
then get no slot and step aside (alerts.engine puts their rest back on the queue), so the
workers and the channel's whole rate go to the urgent alert.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

import redis
from django.conf import settings

# How far ahead a slot may be reserved: a worker sleeps at most this long for one.
MAX_AHEAD_SECONDS = 1.0
# An urgent alert's mark outlives its last slot by this much (the next batch may be a moment
# away); other alerts resume after it.
URGENT_HOLD_SECONDS = 5.0
# Each second's slots lie in its first 90%: a message that reaches the provider up to ~100 ms
# after its slot still counts in the provider's same clock second, so no clock second ever
# receives more than `rate`, whatever the jitter between slot and arrival.
GUARD = 0.9

# Slots lie on a grid: `per_period` of them in each period (one second, or 1/rate seconds
# below one message a second), `step` apart and all in the first GUARD of the period. KEYS[1]
# holds the index of the next free slot; the caller takes `count` consecutive ones.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local per_period = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local step = tonumber(ARGV[3])
local max_ahead = tonumber(ARGV[4])
if ARGV[5] == '1' then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[6])
elseif ARGV[7] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then
  return {-1, redis.call('PTTL', KEYS[2]) * 1000, '0', string.format('%d', now)}
end
local count = tonumber(ARGV[8])
local p = math.floor(now / period)
local k = math.ceil((now - p * period) / step)
if k >= per_period then
  p = p + 1
  k = 0
end
local index = math.max(p * per_period + k, tonumber(redis.call('GET', KEYS[1]) or '0'))
local first = math.floor(index / per_period) * period + (index % per_period) * step
local ahead = first - now
if ahead > max_ahead then
  return {0, ahead - max_ahead, '0', string.format('%d', now)}
end
local keep = math.floor(ahead / 1000) + 60000
redis.call('SET', KEYS[1], string.format('%d', index + count), 'PX', keep)
return {1, ahead, string.format('%d', index), string.format('%d', now)}
"""


@cache
def redis_client(url: str | None = None) -> redis.Redis:
    """A client of the Redis every worker shares (settings.REDIS_URL)."""
    return redis.Redis.from_url(url or settings.REDIS_URL)


def client() -> redis.Redis:
    """The shared Redis of the current settings (a test that points REDIS_URL elsewhere gets
    the new one, not the first one this process saw)."""
    return redis_client(settings.REDIS_URL)


_client = client


def _rate_key(channel: str) -> str:
    return f"alerts:rate:{channel}"


def _urgent_key(channel: str) -> str:
    return f"alerts:urgent:{channel}"


@dataclass(frozen=True)
class Slot:
    """A permission to send `len(times)` messages, the first at `at` (Unix seconds on Redis's
    clock); `times` are the moments each may go, on this machine's clock. `yielded` when
    another alert is urgent and this one should step aside instead."""

    at: float
    yielded: bool = False
    retry_after: float = 0.0
    times: tuple[float, ...] = ()


@dataclass(frozen=True)
class _Grid:
    per_period: int
    period_us: int
    step_us: int

    @classmethod
    def of(cls, rate: float) -> _Grid:
        if rate >= 1:
            per_period, period_us = int(rate), 1_000_000
        else:
            per_period, period_us = 1, round(1_000_000 / rate)
        return cls(per_period, period_us, max(1, int(period_us * GUARD / per_period)))

    def at(self, index: int) -> float:
        """Slot `index` in Unix seconds (Redis's clock)."""
        period, k = divmod(index, self.per_period)
        return (period * self.period_us + k * self.step_us) / 1_000_000


def take(
    channel: str, *, urgent: bool, rate: float, may_yield: bool = True, count: int = 1
) -> Slot:
    """Wait for, then take, the next `count` send slots of `channel` at `rate` messages a
    second; the caller sends message i no earlier than `times[i]` (see `wait`).

    Returns a yielded Slot (without waiting) when `may_yield`, the caller is not urgent and an
    urgent alert is being sent on the channel."""
    count = max(1, count)
    if rate <= 0:
        now = time.time()
        return Slot(at=now, times=(now,) * count)
    script = _client().register_script(_TAKE)
    grid = _Grid.of(rate)
    while True:
        granted, micros, index, redis_now = script(
            # Per grid: a slot index means nothing at another rate.
            keys=[f"{_rate_key(channel)}:{grid.per_period}:{grid.period_us}", _urgent_key(channel)],
            args=[
                grid.per_period,
                grid.period_us,
                grid.step_us,
                round(MAX_AHEAD_SECONDS * 1_000_000),
                "1" if urgent else "0",
                round(URGENT_HOLD_SECONDS * 1000),
                "1" if may_yield else "0",
                count,
            ],
        )
        if granted == -1:
            return Slot(at=time.time(), yielded=True, retry_after=max(0.0, micros / 1_000_000))
        if granted == 1:
            # Redis's clock, moved onto ours (same host in practice; a skew would only shift
            # every slot alike).
            offset = time.time() - int(redis_now) / 1_000_000
            first = int(index)
            times = tuple(grid.at(first + n) + offset for n in range(count))
            wait(times[0])
            return Slot(at=grid.at(first), times=times)
        time.sleep(min(micros / 1_000_000, MAX_AHEAD_SECONDS))


def wait(moment: float) -> None:
    """Sleep until `moment` (time.time()), if it is still ahead."""
    ahead = moment - time.time()
    if ahead > 0:
        time.sleep(ahead)


def urgent_announce(channel: str, *, seconds: float) -> None:
    """Mark `channel` as carrying an urgent alert before its batches start, so that batches of
    other alerts step aside at their next message and free the workers."""
    _client().set(_urgent_key(channel), "1", px=round(seconds * 1000))


def urgent_active(channel: str) -> bool:
    return bool(_client().exists(_urgent_key(channel)))
