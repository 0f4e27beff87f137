import os
from multiprocessing import Pool


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_below(limit):
    """The number of primes smaller than `limit`."""
    return sum(1 for n in range(limit) if is_prime(n))


def count_primes(limits):
    """The number of primes below each limit, counted in worker processes, in order."""
    limits = list(limits)
    if not limits:
        return []
    # One process per usable CPU, never more than there are limits (or than the task allows).
    workers = max(1, min(len(limits), len(os.sched_getaffinity(0)), 4))
    with Pool(processes=workers) as pool:
        return pool.map(count_below, limits, chunksize=1)
