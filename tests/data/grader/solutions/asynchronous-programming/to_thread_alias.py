import asyncio

import iosim

off_loop = asyncio.to_thread  # a reference, not a call: the call below is `off_loop(...)`


async def fetch_all_async(ids):
    return list(await asyncio.gather(*(off_loop(iosim.fetch, i) for i in ids)))
