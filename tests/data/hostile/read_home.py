# expect: exit=0
import os
for top in [os.environ.get("HOME", "/"), "/root", "/home", os.path.expanduser("~"), os.environ["HOST_HOME"]]:
    for dirpath, dirnames, filenames in os.walk(top):
        for name in filenames:
            try:
                print(os.path.join(dirpath, name), open(os.path.join(dirpath, name), "rb").read(200))
            except OSError as e:
                print("denied", e)
for name in ["/etc/shadow", "/etc/passwd", "/etc/hostname", "/proc/self/mountinfo"]:
    try:
        print(name, open(name).read()[:2000])
    except OSError as e:
        print("denied", name, e)
