from concurrent.futures import ThreadPoolExecutor

import iosim


def fetch_all(ids):
    """Fetches every id with iosim.fetch on a pool of threads, keeping the order of `ids`."""
    ids = list(ids)
    if not ids:
        return []
    # Waiting threads release the GIL, so one thread per request (within reason) is the point.
    with ThreadPoolExecutor(max_workers=min(len(ids), 32)) as pool:
        return list(pool.map(iosim.fetch, ids))
