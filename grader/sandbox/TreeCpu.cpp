#include "TreeCpu.h"

#include <QHash>
#include <QList>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace Unlocked {
namespace {

struct Sample
{
    pid_t parent = 0;
    long long own = 0;      // utime + stime, in clock ticks
    long long children = 0; // cutime + cstime: waited-for children
};

bool readStat(const char *pid, Sample &sample)
{
    char path[300];
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[1024];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    // The command name may hold spaces and parentheses; fields resume after the last ')'.
    const char *p = std::strrchr(buffer, ')');
    if (!p)
        return false;
    long long field[18] = {};
    char *end = const_cast<char *>(p + 2);
    for (int i = 3; i <= 17 && *end; ++i) {
        if (i == 3) { // state, a letter
            end += 2;
            continue;
        }
        field[i] = std::strtoll(end, &end, 10);
    }
    sample.parent = pid_t(field[4]);
    sample.own = field[14] + field[15];
    sample.children = field[16] + field[17];
    return true;
}

} // namespace

double TreeCpu::seconds(pid_t root)
{
    QHash<pid_t, Sample> samples;
    QHash<pid_t, QList<pid_t>> children;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return 0.0;
    while (dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        Sample sample;
        if (!readStat(entry->d_name, sample))
            continue;
        const pid_t pid = pid_t(std::atoi(entry->d_name));
        samples.insert(pid, sample);
        children[sample.parent].append(pid);
    }
    ::closedir(proc);
    long long ticks = samples.value(root).children;
    QList<pid_t> pending = children.value(root);
    while (!pending.isEmpty()) {
        const pid_t pid = pending.takeLast();
        const Sample sample = samples.value(pid);
        ticks += sample.own + sample.children;
        pending.append(children.value(pid));
    }
    return double(ticks) / double(::sysconf(_SC_CLK_TCK));
}

} // namespace Unlocked
