import asyncio

import iosim


async def _gather(ids):
    return await asyncio.gather(*(asyncio.to_thread(iosim.fetch, i) for i in ids))


def fetch_all(ids):
    return list(asyncio.run(_gather(ids)))
