import os
from concurrent.futures import ThreadPoolExecutor

import unlocked_native


def crunch_all(ns):
    """unlocked_native.crunch(n) for every n, on a pool of threads, in the order of `ns`."""
    ns = list(ns)
    if not ns:
        return []
    # crunch releases the GIL, so threads run it in parallel; more threads than cores only wait.
    workers = max(1, min(len(ns), len(os.sched_getaffinity(0)), 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(unlocked_native.crunch, ns))
