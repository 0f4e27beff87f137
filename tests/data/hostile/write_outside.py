# expect: exit=0
import os
targets = [os.path.join(os.environ["CANARY_DIR"], "planted"), os.path.join(os.environ["CANARY_DIR"], "canary.txt"),
           "/usr/planted", "/etc/planted", "/planted", "/root/planted", "/work/../planted",
           "/tmp/unlocked-hostile-planted", "/dev/shm/unlocked-hostile-planted", "/proc/sys/kernel/hostname"]
for target in targets:
    try:
        with open(target, "w") as f:
            f.write("owned")
        print("wrote", target)
    except OSError as e:
        print("denied", target, e)
try:
    os.symlink(os.environ["CANARY_DIR"], "escape")
    open("escape/planted", "w").write("owned")
except OSError as e:
    print("denied symlink", e)
