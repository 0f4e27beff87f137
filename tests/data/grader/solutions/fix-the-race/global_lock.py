import threading

from racesim import Account

# One lock for the whole bank: every move waits for every other. Correct, and on CPython as fast
# as per-account locks here, as the task says.
BANK = threading.Lock()


def transfer_all(balances, transfers, threads):
    accounts = [Account(number, balance) for number, balance in enumerate(balances)]

    def work(share):
        for source, target, amount in share:
            with BANK:
                accounts[source].balance -= amount
                accounts[target].balance += amount

    workers = [threading.Thread(target=work, args=(transfers[k::threads],))
               for k in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [account.balance for account in accounts]
