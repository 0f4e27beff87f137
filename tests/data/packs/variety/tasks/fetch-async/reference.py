import asyncio, iosim

async def fetch_all_async(ids):
    return await asyncio.gather(*(iosim.fetch_async(i) for i in ids))
