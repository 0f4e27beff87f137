# expect: exit=0
import glob, os, shutil
path = os.environ["SECRET_FILE"]
for candidate in [path, "/proc/1/root" + path, "/oldroot" + path, "/proc/1/cwd/../" + path]:
    try:
        data = open(candidate).read()
        print(data)
        shutil.copy(candidate, "stolen.txt")
    except OSError as e:
        print("denied", candidate, e)
for pattern in ["/proc/*/root" + path, "/proc/*/environ", "/proc/*/cmdline"]:
    for name in glob.glob(pattern):
        try:
            print(name, open(name, "rb").read()[:200])
        except OSError:
            pass
