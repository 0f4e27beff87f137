# expect: limit=Disk
i = 0
while True:
    with open(f"/tmp/fill{i}.bin", "wb") as f:
        f.write(b"x" * (4 << 20))
    i += 1
