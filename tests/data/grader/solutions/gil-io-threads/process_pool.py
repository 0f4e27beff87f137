from concurrent.futures import ProcessPoolExecutor

import iosim


def fetch_all(ids):
    ids = list(ids)
    if not ids:
        return []
    with ProcessPoolExecutor(max_workers=len(ids)) as pool:
        return list(pool.map(iosim.fetch, ids))
