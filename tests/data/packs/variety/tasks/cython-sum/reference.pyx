def compute(long n):
    cdef long s = 0
    for i in range(n):
        s += i
    return s
