"""Simulated I/O for the course's tasks.

`fetch(i)` blocks for LATENCY seconds the way a network call does (the GIL is released while
it waits) and returns a string derived from `i`. `fetch_async(i)` is its coroutine twin.
"""

import asyncio
import hashlib
import time

LATENCY = 0.1


def _payload(i):
    digest = hashlib.sha256(str(i).encode()).hexdigest()[:8]
    return f"item-{i}-{digest}"


def fetch(i):
    """Blocks for LATENCY seconds, like a request to a slow server, then returns its answer."""
    time.sleep(LATENCY)
    return _payload(i)


async def fetch_async(i):
    """The coroutine twin of fetch(): awaits LATENCY seconds without blocking the event loop."""
    await asyncio.sleep(LATENCY)
    return _payload(i)
