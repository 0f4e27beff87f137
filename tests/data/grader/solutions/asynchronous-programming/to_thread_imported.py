from asyncio import gather
from asyncio import to_thread as off_loop

import iosim


async def fetch_all_async(ids):
    return list(await gather(*(off_loop(iosim.fetch, i) for i in ids)))
