import asyncio

import iosim


async def fetch_all_async(ids):
    # Each blocking fetch runs on a worker thread of the default executor.
    return list(await asyncio.gather(*(asyncio.to_thread(iosim.fetch, i) for i in ids)))
