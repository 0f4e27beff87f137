import threading
from multiprocessing import Pool

import iosim


def fetch_all(ids):
    # A thread is started, but the fetches run in worker processes.
    ids = list(ids)
    results = []

    def work():
        if ids:
            with Pool(processes=len(ids)) as pool:
                results.extend(pool.map(iosim.fetch, ids))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return results
