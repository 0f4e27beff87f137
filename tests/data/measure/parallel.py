# Clearly parallel: a process pool over chunks of every limit, one worker per CPU.
import multiprocessing
import os

LIMITS = [250_000, 265_000, 280_000, 295_000]


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


def count_range(lo, hi):
    return sum(1 for n in range(lo, hi) if is_prime(n))


def chunks(limit, parts=8):
    step = (limit + parts - 1) // parts
    return [(lo, min(lo + step, limit)) for lo in range(0, limit, step)]


def count_chunk(bounds):
    return count_range(*bounds)


def count_primes(limits):
    jobs = [(index, bounds) for index, limit in enumerate(limits) for bounds in chunks(limit)]
    totals = [0] * len(limits)
    workers = len(os.sched_getaffinity(0))
    with multiprocessing.Pool(workers) as pool:
        counts = pool.map(count_chunk, [bounds for _, bounds in jobs], chunksize=1)
    for (index, _), count in zip(jobs, counts):
        totals[index] += count
    return totals


if __name__ == "__main__":
    print(count_primes(LIMITS))
