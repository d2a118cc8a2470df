#!/usr/bin/env python3
# ab.py ROUNDS 'CMD A' 'CMD B' ...: the commands run interleaved, A B A B
# ... (5 warm-up rounds, then ROUNDS), each by posix_spawn with stdout and
# stderr to /dev/null; per command, the median and quartiles of the wall
# time, of the CPU time (user + system, from wait4) and the median of the
# minor page faults.  For docs/performance.md ("One render process,
# second pass"): on a shared machine the interleaving puts A and B under
# the same load, and the load average is printed with the figures.
import os
import shlex
import statistics
import sys
import time

rounds = int(sys.argv[1])
cmds = [shlex.split(c) for c in sys.argv[2:]]
res = [[] for _ in cmds]
null = os.open('/dev/null', os.O_WRONLY)
acts = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
for r in range(rounds + 5):
    for i, c in enumerate(cmds):
        t0 = time.perf_counter()
        pid = os.posix_spawn(c[0], c, os.environ, file_actions=acts)
        _, _, ru = os.wait4(pid, 0)
        wall = (time.perf_counter() - t0) * 1e3
        if r >= 5:
            res[i].append((wall, (ru.ru_utime + ru.ru_stime) * 1e3,
                           ru.ru_minflt))


def q(v):
    v = sorted(v)
    n = len(v)
    return '%.2f [%.2f-%.2f]' % (statistics.median(v), v[n // 4],
                                 v[3 * n // 4])


for i, c in enumerate(cmds):
    print('%-44s wall %s  cpu %s ms  faults %d' % (
        ' '.join(c)[:44], q([x[0] for x in res[i]]),
        q([x[1] for x in res[i]]),
        statistics.median([x[2] for x in res[i]])))
print('load average', ' '.join(open('/proc/loadavg').read().split()[:3]))
