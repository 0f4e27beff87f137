async def fetch_all_async(ids):
    pass
