import asyncio

import iosim


async def fetch_all_async(ids):
    submit = getattr(asyncio.get_running_loop(), "run_in_executor")
    return list(await asyncio.gather(*(submit(None, iosim.fetch, i) for i in ids)))
