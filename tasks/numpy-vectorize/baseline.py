"""The loop version the single-core-speedup check times a solution against."""
import math

import numpy as np


def pairwise_distances(points):
    n = len(points)
    result = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            dx = points[i][0] - points[j][0]
            dy = points[i][1] - points[j][1]
            result[i, j] = math.sqrt(dx * dx + dy * dy)
    return result
