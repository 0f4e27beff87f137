# cython: language_level=3
# Plain Python compiled by Cython: no C types, so every addition is still a Python object's.

def compute(n):
    total = 0
    for i in range(n):
        total += i
    return total
