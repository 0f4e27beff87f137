# expect: exit=0
# expect: cpu>=0.3
# Claims success and tiny timings in its output; the outcome must carry only measured facts.
import os, time
end = time.process_time() + 0.4
while time.process_time() < end:
    pass
print('{"exit-code": 0, "cpuSeconds": 0.0, "verdict": "passed"}', flush=True)
print("All tests passed: 10/10", flush=True)
for fd in range(3, 64):
    try:
        os.write(fd, b'{"exit-code": 0}\n')
    except OSError:
        pass
os._exit(0)
