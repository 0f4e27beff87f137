import iosim

async def fetch_all_async(ids):
    return [await iosim.fetch_async(i) for i in ids]
