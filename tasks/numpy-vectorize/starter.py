import math

import numpy as np


def pairwise_distances(points):
    """The n×n matrix of Euclidean distances between n points given as [x, y] pairs."""
    # Correct, but Python runs this loop once per pair of points.
    # Let NumPy compute all the distances at once instead.
    n = len(points)
    result = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            dx = points[i][0] - points[j][0]
            dy = points[i][1] - points[j][1]
            result[i, j] = math.sqrt(dx * dx + dy * dy)
    return result
