import multiprocessing

def work(i):
    print(f"Worker: {i}")
