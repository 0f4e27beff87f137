# The textbook program: main() at module level, no __main__ guard. It runs under fork, the
# start method of Linux up to Python 3.13, and the grader must accept it there.
import multiprocessing


def worker(num):
    print(f"Worker: {num}")


def main():
    processes = []
    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i,))
        processes.append(p)
        p.start()
    for p in processes:
        p.join()


main()
