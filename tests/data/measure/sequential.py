# Sequential, written like a learner's first attempt: the same work as the baseline, on one core.
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


def count_primes(limits):
    counts = []
    for limit in limits:
        counts.append(count_range(0, limit))
    return counts


print(count_primes(LIMITS))
