import os
from concurrent.futures import ProcessPoolExecutor


def collatz_steps(n):
    """How many steps n takes to reach 1: halve it when even, else 3n + 1."""
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def all_steps(numbers):
    """collatz_steps(n) for every n of `numbers`, counted in worker processes, in order."""
    numbers = list(numbers)
    if not numbers:
        return []
    workers = max(1, min(len(os.sched_getaffinity(0)), 4))
    # A few large batches per worker: each round trip now carries thousands of numbers, and
    # the batches are still small enough that no worker waits long for the last one.
    chunksize = max(1, len(numbers) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(collatz_steps, numbers, chunksize=chunksize))
