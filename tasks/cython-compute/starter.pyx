# cython: language_level=3

def compute(int n):
    """The sum of 0, 1, ..., n - 1."""
    # Fast, because the loop runs in C. But some hidden cases come out wrong: why?
    cdef int total = 0
    cdef int i
    for i in range(n):
        total += i
    return total
