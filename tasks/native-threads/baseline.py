"""The sequential program the parallel-speedup check times a solution against."""
import unlocked_native


def crunch_all(ns):
    return [unlocked_native.crunch(n) for n in ns]
