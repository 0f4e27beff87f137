import asyncio

import iosim

# Code in a string is beyond the parser too.
exec("from concurrent.futures import ThreadPoolExecutor as Pool")


async def fetch_all_async(ids):
    with Pool(max_workers=max(1, len(ids))) as pool:  # noqa: F821 (defined by exec)
        results = list(pool.map(iosim.fetch, ids))
    await asyncio.sleep(0)
    return results
