import asyncio

import iosim


async def fetch_all_async(ids):
    # A name the parser cannot read: it is put together only when the program runs.
    run_on_thread = getattr(asyncio, "to_" + "thread")
    return list(await asyncio.gather(*(run_on_thread(iosim.fetch, i) for i in ids)))
