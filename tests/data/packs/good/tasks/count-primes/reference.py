from multiprocessing import Pool

def count_primes(limits):
    with Pool() as p:
        return p.map(_count, limits)
