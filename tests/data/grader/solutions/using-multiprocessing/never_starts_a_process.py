# multiprocessing.Process is named, but the program prints every line itself.
import multiprocessing


def worker(num):
    print(f"Worker: {num}")


def main():
    for i in range(5):
        if i < 0:
            multiprocessing.Process(target=worker, args=(i,)).start()
        worker(i)


if __name__ == "__main__":
    main()
