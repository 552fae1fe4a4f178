"""Failed organiser credentials (a wrong Bearer token, a wrong token in the login form), counted
per client address and for the one organiser account, with lockouts that double on each repeat.

Only failures count, so a person who gets the token right is never slowed by it; a lockout holds
for its whole window, then the right credential works again. Sessions already logged in are not
locked out (their cookie is not a guess). Kept in memory, per process."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

ACCOUNT = ""  # the key of the account-wide record: every client's failures together
FORGET_AFTER = 24 * 3600.0  # a record with no failure or lockout for a day starts afresh


@dataclass(slots=True)
class _Record:
    failures: deque[float] = field(default_factory=deque)
    lockouts: int = 0
    until: float = 0.0
    last: float = 0.0


class FailureLockout:
    """`per_client` failures from one address within `window` seconds lock that address out,
    `per_account` failures from anywhere lock the account; the first lockout lasts `first_lock`
    seconds, each next one twice as long, up to `max_lock`."""

    def __init__(
        self,
        per_client: int = 10,
        per_account: int = 100,
        window: float = 900.0,
        first_lock: float = 60.0,
        max_lock: float = 3600.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client = per_client
        self.per_account = per_account
        self.window = window
        self.first_lock = first_lock
        self.max_lock = max_lock
        self.max_clients = max_clients
        self.clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def _record(self, key: str, now: float) -> _Record:
        record = self._records.get(key)
        if record is None or (now - record.last > FORGET_AFTER and now >= record.until):
            record = self._records[key] = _Record(last=now)
            if len(self._records) > self.max_clients + (ACCOUNT in self._records):
                # forget the least recently seen client, never the account's own record
                oldest = next(k for k in self._records if k != ACCOUNT)
                del self._records[oldest]
        self._records.move_to_end(key)
        return record

    def locked_for(self, client: str) -> float:
        """Seconds until this client may try a credential again; 0 when it may now."""
        now = self.clock()
        waits = [
            record.until - now
            for key in (client, ACCOUNT)
            if (record := self._records.get(key)) is not None
        ]
        return max([0.0, *waits])

    def failed(self, client: str) -> float:
        """Count a wrong credential; the seconds the client is now locked out for (0: not)."""
        now = self.clock()
        for key, limit in ((client, self.per_client), (ACCOUNT, self.per_account)):
            record = self._record(key, now)
            record.last = now
            while record.failures and record.failures[0] <= now - self.window:
                record.failures.popleft()
            record.failures.append(now)
            if len(record.failures) >= limit:
                record.lockouts += 1
                lock = min(self.max_lock, self.first_lock * 2 ** (record.lockouts - 1))
                record.until = max(record.until, now + lock)
                record.failures.clear()
        return self.locked_for(client)

    def succeeded(self, client: str) -> None:
        """A right credential: this client's failures and lockout history are forgotten."""
        self._records.pop(client, None)
