#pragma once

// A scripted machine for the measuring loop's tests: no real run, no real clock.

#include "measure/MeasuredCheck.h"

#include <QList>
#include <QString>

#include <algorithm>

namespace Unlocked::Testing {

inline TimedRun timed(double wall, double cpu)
{
    TimedRun run;
    run.ok = true;
    run.wallSeconds = wall;
    run.cpuSeconds = cpu;
    return run;
}

inline TimedRun failedRun(const QString &error)
{
    TimedRun run;
    run.error = error;
    run.wallSeconds = 0.5;
    return run;
}

/**
 * A scripted machine: each side replays its list of runs (the last one repeats, or the whole
 * list cycles) and moves a fake clock on by the run's wall time, so budgets are spent without
 * any real waiting.
 */
class FakeMachine
{
public:
    QList<TimedRun> baselineRuns{timed(2.0, 2.0)};
    QList<TimedRun> solutionRuns{timed(1.1, 2.1)};
    bool cycle = false;
    double probeValue = 2.0;
    double now = 0.0;
    QString calls; // "B" and "S" in the order they ran
    int probes = 0;
    int progressReports = 0;
    double solutionWaitShare = 0.0; // of each solution run's wall, a task waited for a CPU
    double cpuWait = 0.0;           // the machine's waiting clock, in seconds
    double solutionStealShare = 0.0; // of each solution run's wall, the host ran other guests
    double steal = 0.0;              // the hypervisor's clock, seconds per CPU

    RunTimer baseline()
    {
        return [this] { return take(baselineRuns, QLatin1Char('B')); };
    }
    QList<double> solutionLimits; // the wall limit each solution run was given
    SolutionTimer solution()
    {
        return [this](double wallLimit) {
            solutionLimits.append(wallLimit);
            return take(solutionRuns, QLatin1Char('S'), wallLimit);
        };
    }
    QList<TimedRun> controlRuns{timed(0.2, 0.2)};
    RunTimer control()
    {
        return [this] { return take(controlRuns, QLatin1Char('C')); };
    }
    QList<double> probeSequence; // replayed, the last value repeating; empty = probeValue
    MeasureOptions options(int cores = 2, double budget = 60.0)
    {
        MeasureOptions options;
        options.cores = cores;
        options.budgetSeconds = budget;
        options.seed = 7;
        options.clock = [this] { return now; };
        options.probeParallelism = [this](int) {
            ++probes;
            if (probeSequence.isEmpty())
                return probeValue;
            return probeSequence[std::min<qsizetype>(probes - 1, probeSequence.size() - 1)];
        };
        options.cpuWaitClock = [this] { return cpuWait; };
        options.cpuStealClock = [this] { return steal; };
        options.onProgress = [this](const Measurement &) { ++progressReports; };
        return options;
    }
    int count(QChar side) const { return int(calls.count(side)); }

private:
    TimedRun take(const QList<TimedRun> &runs, QChar side, double wallLimit = 0.0)
    {
        const qsizetype index =
            cycle ? count(side) % runs.size() : std::min<qsizetype>(count(side), runs.size() - 1);
        calls += side;
        TimedRun run = runs[index];
        if (wallLimit > 0.0 && run.wallSeconds > wallLimit) {
            run.cpuSeconds *= wallLimit / run.wallSeconds;
            run.wallSeconds = wallLimit;
            run.stoppedAtLimit = true;
        }
        now += run.wallSeconds + 0.05; // the sandbox's own start-up
        if (side == QLatin1Char('S')) {
            cpuWait += run.wallSeconds * solutionWaitShare;
            steal += run.wallSeconds * solutionStealShare;
        }
        return run;
    }
};

inline CheckSpec parallelSpec(double efficiency = 0.6)
{
    CheckSpec spec;
    spec.kind = CheckKind::ParallelSpeedup;
    spec.name = QStringLiteral("parallel speedup");
    spec.target = efficiency;
    return spec;
}

inline CheckSpec singleCoreSpec(double factor)
{
    CheckSpec spec;
    spec.kind = CheckKind::SingleCoreSpeedup;
    spec.name = QStringLiteral("single-core speedup");
    spec.target = factor;
    return spec;
}

} // namespace Unlocked::Testing
