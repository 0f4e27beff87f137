def compute(n):
    pass
