import threading

from racesim import Account


def move(source, target, amount):
    """Moves `amount` from one account to another."""
    # Two threads can both read the same balance here and both write it back: one of the two
    # moves is lost. Protect each move with the accounts' locks.
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
