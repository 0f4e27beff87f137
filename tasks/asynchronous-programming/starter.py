import asyncio

import iosim


async def fetch_all_async(ids):
    """Fetches every id with iosim.fetch_async and returns the answers in the order of `ids`."""
    # This works, but each `await` finishes one fetch before the next one starts.
    # Let the fetches wait at the same time.
    results = []
    for i in ids:
        results.append(await iosim.fetch_async(i))
    return results
