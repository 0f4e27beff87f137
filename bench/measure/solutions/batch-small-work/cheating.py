# Cheating: loops sequentially while a second process spins on the other core, so the CPU
# time looks parallel but nothing finishes sooner.
import multiprocessing


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def spin(stop):
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x += 1


def all_steps(numbers):
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,))
    spinner.start()
    try:
        return [collatz_steps(n) for n in numbers]
    finally:
        stop.set()
        spinner.join()
