"""The pure-Python version the single-core-speedup check times a solution against."""


def compute(n):
    total = 0
    for i in range(n):
        total += i
    return total
