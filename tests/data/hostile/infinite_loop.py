# expect: limit=CpuTime,WallTime
while True:
    pass
