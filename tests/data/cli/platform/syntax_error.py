import multiprocessing

def worker(i)
    print(f"Worker: {i}")
