# expect: limit=WallTime
import time
time.sleep(10**6)
