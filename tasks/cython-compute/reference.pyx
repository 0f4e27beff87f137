# cython: language_level=3

def compute(long long n):
    """The sum of 0, 1, ..., n - 1, exact for every n up to about four billion."""
    # A C int wraps past 2**31 - 1 (n = 65537 already gets there); long long holds 2**63 - 1.
    cdef long long total = 0
    cdef long long i
    for i in range(n):
        total += i
    return total
