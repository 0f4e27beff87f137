# Cheating: threads, but calling the twin of crunch that holds the GIL, plus a spinning thread
# of pure Python so that the process looks busy. Nothing runs in parallel.
import threading
from concurrent.futures import ThreadPoolExecutor

import unlocked_native


def crunch_all(ns):
    stop = threading.Event()

    def spin():
        x = 0
        while not stop.is_set():
            x += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(unlocked_native.crunch_holding_gil, ns))
    finally:
        stop.set()
        spinner.join()
