"""The sequential program the parallel-speedup check times a solution against."""


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
    return [count_below(limit) for limit in limits]
