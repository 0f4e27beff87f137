"""Every way of naming an imported callable that the analyzer resolves."""
import multiprocessing as mp
import os.path
from concurrent.futures import ThreadPoolExecutor as T
from multiprocessing import Process, Queue as Q
from . import helpers


def spawn(target):
    first = mp.Process(target=target)
    second = Process(target=target)
    queue = Q()
    return first, second, queue


def run_all(work, items):
    with T(max_workers=4) as pool:
        results = list(pool.map(work, items))
    os.path.join("a", "b")
    helpers.tidy(results)
    return results
