# cython: language_level=3
cimport cython
from libc.math cimport sqrt
import numpy as np, math
from collections import OrderedDict, deque as dq

cdef long helper(long x):
    return x

def compute(long n):
    cdef long total = 0
    cdef long i
    for i in range(n):
        total += i
    return total
