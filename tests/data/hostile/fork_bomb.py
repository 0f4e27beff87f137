# expect: limit=Processes
import os
while True:
    try:
        os.fork()
    except OSError:
        pass
