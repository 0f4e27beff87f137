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
    """The number of primes below each limit, in the order of `limits`."""
    # Correct, but it uses one core. Count the limits in parallel.
    return [count_below(limit) for limit in limits]
