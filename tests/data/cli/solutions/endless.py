import time

def add(a, b):
    while True:
        pass
