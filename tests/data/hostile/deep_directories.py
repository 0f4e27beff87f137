# expect: limit=Disk
# A directory nest as deep as the kernel allows: watching the work directory must stay cheap.
import os
while True:
    os.mkdir("d")
    os.chdir("d")
