# Sequential: the plain loop, as the baseline does it.
def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def all_steps(numbers):
    return [collatz_steps(n) for n in numbers]
