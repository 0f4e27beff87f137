"""Bank accounts that make a race show itself, for the course's "Fix the race" task.

Reading `Account.balance` hands the GIL to another thread before it returns, the way a slow
database read would, and importing this module makes the interpreter switch threads as often as
it can (`sys.setswitchinterval`). A read-modify-write such as `account.balance -= amount` that
no lock protects then loses money on nearly every run, instead of once in a blue moon.
"""

import sys
import threading
import time

SWITCH_INTERVAL = 1e-6

sys.setswitchinterval(SWITCH_INTERVAL)


class Account:
    """One account: its `number` (0, 1, 2, ...), its `balance`, and a `lock` of its own."""

    def __init__(self, number, balance):
        self.number = number
        self._balance = balance
        self.lock = threading.Lock()

    @property
    def balance(self):
        value = self._balance
        time.sleep(0)  # lets another thread run here: the read is now stale
        return value

    @balance.setter
    def balance(self, value):
        self._balance = value

    def __repr__(self):
        return f"Account({self.number}, {self._balance})"
