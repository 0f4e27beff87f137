# Half: correct and parallel, but every number is a round trip to a worker (the starter).
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
    """collatz_steps(n) for every n of `numbers`, in order."""
    # Correct, and in parallel, but slower than a plain loop: map sends the numbers one at a
    # time (chunksize=1), and each one costs a round trip to a worker process that is far longer
    # than the few microseconds of work it carries.
    workers = max(1, min(len(os.sched_getaffinity(0)), 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(collatz_steps, numbers))
