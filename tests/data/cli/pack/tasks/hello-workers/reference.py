import multiprocessing


def worker(n):
    print(f"Worker: {n}", flush=True)


def main():
    processes = [multiprocessing.Process(target=worker, args=(i,)) for i in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()


main()
