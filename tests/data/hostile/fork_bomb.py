# expect: limit=Processes
import os, sys
reported = False
while True:
    try:
        os.fork()
    except OSError as e:
        if not reported:
            print(e, file=sys.stderr, flush=True)
            reported = True
