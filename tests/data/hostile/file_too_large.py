# expect: limit=FileSize
with open("big.bin", "wb") as f:
    while True:
        f.write(b"x" * (1 << 20))
        f.flush()
