# Half vectorised: NumPy computes one row at a time, but Python still loops over the rows
# and over every element to build the result.
import math

import numpy as np


def pairwise_distances(points):
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(p)
    result = np.zeros((n, n))
    for i in range(n):
        dx = p[i, 0] - p[:, 0]
        dy = p[i, 1] - p[:, 1]
        row = dx * dx + dy * dy
        for j in range(n):
            result[i, j] = math.sqrt(row[j])
    return result
