import threading

import iosim


def fetch_all(ids):
    """Starts one thread per id, joins them all, and returns the answers in the order of ids."""
    ids = list(ids)
    results = [None] * len(ids)

    def fetch(index, i):
        results[index] = iosim.fetch(i)  # each thread writes only its own slot

    threads = [threading.Thread(target=fetch, args=(index, i)) for index, i in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
