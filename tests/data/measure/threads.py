# Threads over chunks: correct, but the GIL lets only one thread run Python code at a time.
from concurrent.futures import ThreadPoolExecutor

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


def count_primes(limits):
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [[pool.submit(count_range, lo, hi) for lo, hi in chunks(limit)] for limit in limits]
        return [sum(f.result() for f in row) for row in futures]


print(count_primes(LIMITS))
