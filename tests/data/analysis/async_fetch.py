import asyncio

import iosim


async def fetch_one(i):
    return await iosim.fetch_async(i)


async def fetch_all_async(ids):
    return await asyncio.gather(*(fetch_one(i) for i in ids))


def main():
    print(asyncio.run(fetch_all_async(range(10))))
