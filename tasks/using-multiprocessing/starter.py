import multiprocessing


def worker(num):
    print(f"Worker: {num}")


def main():
    # TODO: run each worker in its own process with multiprocessing.Process,
    # start all five, then wait for every one of them to finish.
    for i in range(5):
        worker(i)


if __name__ == "__main__":
    main()
