import multiprocessing


def work(i):
    print(f"Worker: {i}")


if __name__ == "__main__":
    ps = [multiprocessing.Process(target=work, args=(i,)) for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
