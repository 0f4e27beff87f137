import importlib
import threading

import iosim


def fetch_all(ids):
    # A thread is started to satisfy the parser, but the fetches run in worker processes
    # whose pool is imported by a name built at run time.
    ids = list(ids)
    results = []

    def work():
        if ids:
            futures = importlib.import_module("concurrent." + "futures")
            with getattr(futures, "Process" + "PoolExecutor")(max_workers=len(ids)) as pool:
                results.extend(pool.map(iosim.fetch, ids))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return results
