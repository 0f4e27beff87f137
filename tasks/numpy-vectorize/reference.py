import numpy as np


def pairwise_distances(points):
    """The n×n matrix of Euclidean distances between the rows of an n×2 array of points."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    x = p[:, 0]
    y = p[:, 1]
    # Broadcasting a column against a row gives every pair's difference at once: (n, 1) - (1, n).
    return np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
