import multiprocessing


def worker(number):
    print(f"Worker: {number}")


def main():
    processes = [multiprocessing.Process(target=worker, args=(i,)) for i in range(5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


main()
