import asyncio

import iosim


async def fetch_all_async(ids):
    return list(await asyncio.gather(
        *(asyncio.get_running_loop().run_in_executor(None, iosim.fetch, i) for i in ids)))
