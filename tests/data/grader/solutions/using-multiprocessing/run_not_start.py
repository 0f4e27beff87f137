import multiprocessing


def worker(num):
    print(f"Worker: {num}")


def main():
    for i in range(5):
        multiprocessing.Process(target=worker, args=(i,)).run()


if __name__ == "__main__":
    main()
