# expect: limit=OpenFiles
files = []
while True:
    files.append(open(__file__))
