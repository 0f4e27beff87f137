# expect: limit=Disk
# Files each below the file-size limit, so only the disk limit can stop it.
i = 0
while True:
    with open(f"fill{i}.bin", "wb") as f:
        f.write(b"x" * (4 << 20))
    i += 1
