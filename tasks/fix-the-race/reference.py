import threading

from racesim import Account


def move(source, target, amount):
    """Moves `amount` from one account to another, holding both accounts' locks."""
    if source is target:
        return  # a move to the same account changes nothing (and its lock is not reentrant)
    # Every thread takes the two locks in the same order, lowest account number first, so that
    # two opposite moves can never each hold one lock and wait for the other.
    first, second = (source, target) if source.number < target.number else (target, source)
    with first.lock, second.lock:
        source.balance -= amount
        target.balance += amount


def transfer_all(balances, transfers, threads):
    """Makes every (source, target, amount) transfer, shared among `threads` threads, and returns
    the final balances."""
    accounts = [Account(number, balance) for number, balance in enumerate(balances)]

    def work(share):
        for source, target, amount in share:
            move(accounts[source], accounts[target], amount)

    workers = [threading.Thread(target=work, args=(transfers[k::threads],))
               for k in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [account.balance for account in accounts]
