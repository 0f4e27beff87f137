import asyncio

import iosim


async def fetch_all_async(ids):
    """Fetches every id concurrently on the running event loop, keeping the order of `ids`."""
    results = await asyncio.gather(*(iosim.fetch_async(i) for i in ids))
    return list(results)
