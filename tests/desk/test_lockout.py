"""Lockouts by failed credentials: per client, for the account, doubling, forgotten (pure)."""

from __future__ import annotations

from assistant.desk.lockout import FailureLockout


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failures_lock_a_client_and_each_lockout_doubles_up_to_the_cap() -> None:
    clock = Clock()
    lockout = FailureLockout(per_client=3, first_lock=60, max_lock=200, clock=clock)
    locks = []
    for _ in range(4):
        waits = [lockout.failed("a") for _ in range(3)]
        locks.append(waits[-1])
        assert waits[:2] == [0.0, 0.0]
        clock.now += waits[-1]
        assert lockout.locked_for("a") == 0.0
    assert locks == [60, 120, 200, 200]


def test_failures_outside_the_window_do_not_add_up() -> None:
    clock = Clock()
    lockout = FailureLockout(per_client=3, window=100, clock=clock)
    for _ in range(5):
        lockout.failed("a")
        lockout.failed("a")
        clock.now += 101
    assert lockout.locked_for("a") == 0.0


def test_a_success_forgets_the_clients_failures_but_not_the_accounts() -> None:
    clock = Clock()
    lockout = FailureLockout(per_client=3, per_account=5, clock=clock)
    lockout.failed("a")
    lockout.failed("a")
    lockout.succeeded("a")
    assert lockout.failed("a") == 0.0
    lockout.failed("b")
    lockout.failed("c")
    # five failures from three addresses: the account is locked, for everyone
    assert lockout.failed("d") == 60.0
    assert lockout.locked_for("e") == 60.0


def test_the_number_of_clients_remembered_is_bounded() -> None:
    lockout = FailureLockout(max_clients=3, clock=Clock())
    for n in range(10):
        lockout.failed(f"client-{n}")
    assert len(lockout._records) == 4  # three clients and the account
