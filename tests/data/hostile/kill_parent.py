# expect: exit=3
import os, signal, sys
for sig in (signal.SIGKILL, signal.SIGTERM):
    try:
        os.kill(os.getppid(), sig)
    except OSError as e:
        print("kill parent:", e)
try:
    os.kill(1, signal.SIGKILL)
except OSError as e:
    print("kill 1:", e)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
try:
    os.kill(-1, signal.SIGKILL)
except OSError as e:
    print("kill -1:", e)
sys.exit(3)
