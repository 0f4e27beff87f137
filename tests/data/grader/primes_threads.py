from concurrent.futures import ThreadPoolExecutor


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
    return sum(1 for n in range(limit) if is_prime(n))


def count_primes(limits):
    # Threads: correct, but the GIL serialises the counting.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(count_below, limits))
