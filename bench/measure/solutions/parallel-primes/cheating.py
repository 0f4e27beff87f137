# Cheating: counts sequentially while a second process spins on the other core, so the CPU
# time looks parallel but nothing finishes sooner.
import multiprocessing


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


def spin(stop):
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x += 1


def count_primes(limits):
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,))
    spinner.start()
    try:
        return [count_below(limit) for limit in limits]
    finally:
        stop.set()
        spinner.join()
