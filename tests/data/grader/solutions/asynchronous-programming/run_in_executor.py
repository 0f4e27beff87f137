import asyncio

import iosim


async def fetch_all_async(ids):
    # The event loop's default executor is a thread pool: no import of concurrent.futures needed.
    loop = asyncio.get_running_loop()
    return list(await asyncio.gather(*(loop.run_in_executor(None, iosim.fetch, i) for i in ids)))
