# Works sequentially while a second process spins on the other core: CPU time doubles,
# wall time does not shrink.
import multiprocessing

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


def spin(stop):
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x += 1


def count_primes(limits):
    return [count_range(0, limit) for limit in limits]


if __name__ == "__main__":
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,))
    spinner.start()
    result = count_primes(LIMITS)
    stop.set()
    spinner.join()
    print(result)
