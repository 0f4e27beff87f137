from threading import Thread

import iosim


class Fetcher(Thread):
    def __init__(self, i):
        super().__init__()
        self.i = i
        self.answer = None

    def run(self):
        self.answer = iosim.fetch(self.i)


def fetch_all(ids):
    fetchers = [Fetcher(i) for i in ids]
    for fetcher in fetchers:
        fetcher.start()
    for fetcher in fetchers:
        fetcher.join()
    return [fetcher.answer for fetcher in fetchers]
