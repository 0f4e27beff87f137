#include "MeasuredCheck.h"

#include "CpuPressure.h"
#include "CpuQuota.h"
#include "MeasureReport.h"
#include "ParallelProbe.h"
#include "SampleStatistics.h"
#include "SpeedupStatistics.h"

#include <QElapsedTimer>

#include <algorithm>
#include <optional>
#include <random>

#include <sched.h>

namespace Unlocked {

namespace {

// Two-sided level of the interval. With runs of one to two seconds only four or five pairs
// fit in a budget a learner will wait for; 85% is the level whose interval exists from four
// pairs on (it is then [min, max], 87.5%), and each decision errs at most 6.25% at the
// boundary. docs/measurement.md has the arithmetic.
constexpr double kConfidence = 0.85;
constexpr int kMaxPairs = 30;
// Without a budget of its own a measurement may last as long as this many pairs: the minimum
// and room for two disturbed pairs before the interval clears the target.
constexpr int kBudgetPairs = 6;
constexpr double kLaterStepShare = 0.75;
constexpr int kCopiesTries = 3;

int affinityCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0)
        return 1;
    // A container may see every CPU but be given half of one (Gradescope's default).
    static const std::optional<double> quota = cgroupCpuQuota();
    return coresUnderQuota(CPU_COUNT(&set), quota);
}

/** The clock, the budget and the coin for the order of the runs within each pair. */
class Session
{
public:
    Session(const CheckSpec &spec, const MeasureOptions &options) : m_options(options)
    {
        m_explicitBudget = options.budgetSeconds > 0;
        m_budget = m_explicitBudget ? options.budgetSeconds : spec.budgetSeconds;
        m_cap = m_explicitBudget ? 0.0 : spec.budgetSeconds;
        m_minPairs =
            options.minPairs > 0 ? options.minPairs : SampleStatistics::minimumCount(kConfidence);
        m_maxPairs = std::max(m_minPairs, options.maxPairs > 0 ? options.maxPairs : kMaxPairs);
        m_budgetPairs =
            std::max(m_minPairs, options.budgetPairs > 0 ? options.budgetPairs : kBudgetPairs);
        m_random.seed(options.seed ? options.seed : std::random_device{}());
        m_timer.start();
        m_start = now();
    }

    double now() const
    {
        return m_options.clock ? m_options.clock() : m_timer.nsecsElapsed() / 1e9;
    }
    double elapsed() const { return now() - m_start; }
    double budget() const { return m_budget; }
    int minPairs() const { return m_minPairs; }
    int maxPairs() const { return m_maxPairs; }
    bool coin() { return std::bernoulli_distribution(0.5)(m_random); }
    template <typename T> void shuffle(QList<T> &list)
    {
        std::shuffle(list.begin(), list.end(), m_random);
    }

    /**
     * Without a budget given to it, the measurement may take as long as `budgetPairs` pairs at
     * the cost seen so far, so that the size of the work, not a constant, sets how long it is
     * (a pack's own budget_seconds still caps it). Called once the first estimate is known.
     */
    void deriveBudget(double pairCost, int pairsDone = 0)
    {
        if (m_explicitBudget)
            return;
        const double derived = elapsed() + (m_budgetPairs - pairsDone) * pairCost;
        m_budget = m_cap > 0 ? std::min(m_cap, derived) : derived;
    }

    /**
     * Whether another step (costing the median so far) is worth starting: it must end within
     * the budget, and while fewer than the minimum are done, the rest of that minimum must be
     * likely to fit too. Otherwise no decision is possible and the learner should not wait for
     * it. Later steps are assumed a little cheaper than the first, which ran on colder caches.
     */
    bool worthAnother(const QList<double> &costs, int done) const
    {
        const double cost = SampleStatistics::median(costs);
        const int stillNeeded = m_minPairs - done;
        if (stillNeeded > 1 && elapsed() + stillNeeded * cost * kLaterStepShare > m_budget)
            return false;
        return elapsed() + cost <= m_budget;
    }

private:
    const MeasureOptions &m_options;
    QElapsedTimer m_timer;
    double m_start = 0.0;
    double m_budget = 0.0;
    double m_cap = 0.0;
    bool m_explicitBudget = false;
    int m_minPairs = 4;
    int m_maxPairs = kMaxPairs;
    int m_budgetPairs = kBudgetPairs;
    std::mt19937_64 m_random;
};

/** How far a machine-wide clock (CPU wait, steal) moved during the solution's timed runs. */
class ClockDuringRuns
{
public:
    explicit ClockDuringRuns(std::function<double()> clock) : m_clock(std::move(clock)) {}
    void start() { m_before = m_clock(); }
    void stop()
    {
        const double after = m_clock();
        if (m_before < 0.0 || after < 0.0 || m_total < 0.0)
            m_total = -1.0; // the kernel failed to say once: the sum means nothing
        else
            m_total += std::max(0.0, after - m_before);
    }
    /** The share of `wall` the clock moved through, at most 1; negative when not known. */
    double shareOf(double wall) const
    {
        return m_total >= 0.0 && wall > 0.0 ? std::min(1.0, m_total / wall) : -1.0;
    }

private:
    std::function<double()> m_clock;
    double m_before = 0.0;
    double m_total = 0.0;
};

CheckResult packError(const CheckSpec &spec, const QString &why)
{
    CheckResult result = checkResultFor(spec, Verdict::Error);
    result.message = QStringLiteral("This check is declared wrongly in the task pack: %1").arg(why);
    return result;
}

/** A failed run ends the measurement: the solution's fault, or the pack's if the baseline's. */
std::optional<CheckResult> runFailure(const CheckSpec &spec, const TimedRun &run, bool isBaseline)
{
    if (run.ok)
        return std::nullopt;
    CheckResult result = checkResultFor(spec, Verdict::Error);
    if (isBaseline) {
        result.verdict = Verdict::Error;
        result.message = QStringLiteral("The task's baseline program failed while being timed, so "
                                        "nothing could be compared; the task pack is at fault, "
                                        "not your solution.");
    } else {
        result.verdict = Verdict::Failed;
        result.message = QStringLiteral("Your solution failed while being timed on the larger "
                                        "workload.");
    }
    result.detail = run.error;
    if (!run.error.isEmpty())
        result.message += QLatin1Char(' ') + run.error;
    return result;
}

/**
 * The speedup that `workers` copies of the baseline, run at once, show over running them one
 * after another (from the pairs' median baseline), net of the start-up. Another try is made
 * while the tries so far would excuse the fail, up to kCopiesTries, and the best one counts:
 * with runs of a few tenths of a second, one or two disturbed runs cannot excuse it. 0 when it
 * could not be measured.
 */
double baselineCopiesSpeedup(const std::function<TimedRun(int)> &copies,
                             const SpeedupReport &report, const SpeedupStatistics &stats)
{
    const double fixed = stats.fixedCost();
    const double single = stats.baselineWall() - fixed;
    double best = 0.0;
    for (int attempt = 0; attempt < kCopiesTries && best < idealSpeedupForAFail(report.required);
         ++attempt) {
        const TimedRun run = copies(report.workers);
        const double together = run.wallSeconds - fixed;
        if (!run.ok || together <= 0.0 || single <= 0.0)
            return 0.0;
        best = std::max(best, report.workers * single / together);
    }
    return best;
}

RunSample sampleOf(const TimedRun &run)
{
    return {run.wallSeconds, run.cpuSeconds};
}

CheckResult runSpeedupCheck(const CheckSpec &spec, const RunTimer &baseline,
                            const SolutionTimer &solution, const MeasureOptions &options)
{
    const bool parallel = spec.kind == CheckKind::ParallelSpeedup;
    if (!baseline)
        return packError(spec, QStringLiteral("a speedup check needs a baseline program."));
    if (!(spec.target > 0.0))
        return packError(spec, QStringLiteral("its target must be a positive number."));
    if (parallel && spec.maxWorkers == 1)
        return packError(spec, QStringLiteral("a parallel check must allow at least 2 workers."));

    SpeedupReport report;
    report.parallel = parallel;
    report.cores = options.cores > 0 ? options.cores : affinityCores();
    report.workers =
        parallel ? (spec.maxWorkers > 0 ? std::min(report.cores, spec.maxWorkers) : report.cores)
                 : 1;
    report.required = parallel ? spec.target * report.workers : spec.target;

    CheckResult result = checkResultFor(spec, Verdict::Inconclusive);
    if (parallel && report.cores < 2) {
        // Nothing run: no timing on one CPU can tell a parallel solution from a sequential one.
        judgeOneCore(result);
        Measurement m;
        m.cores = report.cores;
        result.measurement = m;
        return result;
    }

    report.workloadSize = options.workloadSize;
    report.calibratedBaselineSeconds = options.baselineSeconds;
    Session session(spec, options);
    SpeedupStatistics stats(kConfidence);
    stats.setFixedCostPrior(options.fixedSecondsPrior);
    QList<double> probes;
    double available = 0.0;
    auto probe = [&] {
        if (!parallel)
            return;
        const QList<double> samples = ParallelProbe::sampleUntilStable([&] {
            return options.probeParallelism ? options.probeParallelism(report.cores)
                                            : ParallelProbe::measure(report.cores);
        });
        probes += samples;
        // The lowest of the stable values: a fail is withheld if the machine was short of
        // cores at either end of the measurement.
        const double value = ParallelProbe::stableValue(samples);
        available = available > 0.0 ? std::min(available, value) : value;
    };
    auto measurement = [&] {
        report.budget = session.budget(); // derived from the pairs so far, until the end
        return speedupMeasurement(stats, report, session.elapsed());
    };

    ClockDuringRuns waiting(options.cpuWaitClock ? options.cpuWaitClock : cpuWaitSeconds);
    ClockDuringRuns stolen(options.cpuStealClock ? options.cpuStealClock : cpuStealSeconds);
    double solutionWall = 0.0;
    // The baseline's median so far, else this pair's own run, else the calibration's estimate.
    auto solutionLimit = [&](const PairSample &pair) {
        const double known = stats.pairs() > 0           ? stats.baselineWall()
                             : pair.baseline.wall > 0.0 ? pair.baseline.wall
                                                         : options.baselineSeconds;
        return kSlowestSolutionRun * known;
    };
    auto timeOne = [&](char side, PairSample &pair) -> std::optional<CheckResult> {
        const bool isBaseline = side == 'B';
        if (side == 'S') {
            waiting.start();
            stolen.start();
        }
        const TimedRun run = side == 'C'  ? options.control()
                             : isBaseline ? baseline()
                                          : solution(solutionLimit(pair));
        if (side == 'S') {
            waiting.stop();
            stolen.stop();
            solutionWall += run.wallSeconds;
            report.solutionRunsStopped += run.stoppedAtLimit ? 1 : 0;
        }
        if (side == 'C' && !run.ok) {
            CheckResult result = checkResultFor(spec, Verdict::Error);
            result.message = QStringLiteral("The control run (the interpreter starting and "
                                            "importing what the baseline imports) failed, so the "
                                            "start-up cost could not be measured; the task pack "
                                            "or the grader is at fault, not your solution.");
            result.detail = run.error;
            return result;
        }
        if (auto failure = runFailure(spec, run, isBaseline))
            return failure;
        (side == 'C' ? pair.control : isBaseline ? pair.baseline : pair.solution) = sampleOf(run);
        return std::nullopt;
    };
    // Runs the sides in a random order; returns the failure that ends the check, if any.
    auto runPair = [&](PairSample &pair) -> std::optional<CheckResult> {
        QList<char> sides{'B', 'S'};
        if (options.control) {
            sides.append('C');
            session.shuffle(sides);
        } else if (session.coin()) {
            std::swap(sides[0], sides[1]); // one coin per pair, as before controls existed
        }
        for (char side : sides)
            if (auto failure = timeOne(side, pair))
                return failure;
        return std::nullopt;
    };

    probe();
    QList<double> pairCosts;
    const bool calibrated = options.baselineSeconds > 0.0;
    if (calibrated) {
        // No warm-up: the calibration (or the cache) knows the baseline's time, and the cases
        // have just run the solution on the same files. Until a pair is timed, the solution is
        // assumed as slow as the baseline, so a budget too small for the pairs a decision
        // needs starts none of them.
        pairCosts.append(2 * options.baselineSeconds + options.fixedSecondsPrior);
        session.deriveBudget(pairCosts.first());
    } else {
        // Warm-up, discarded: the first runs pay for cold caches and give the first estimate.
        const double started = session.now();
        PairSample warmUp;
        if (auto failure = runPair(warmUp))
            return *failure;
        report.warmUpSeconds = session.now() - started;
        pairCosts.append(report.warmUpSeconds);
        session.deriveBudget(pairCosts.first());
    }

    Decision decision = Decision::TooFewSamples;
    while (stats.pairs() < session.maxPairs()) {
        if (!session.worthAnother(pairCosts, stats.pairs())) {
            report.budgetExhausted = true;
            break;
        }
        const double started = session.now();
        PairSample pair;
        if (auto failure = runPair(pair))
            return *failure;
        stats.add(pair);
        if (stats.pairs() == 1) {
            pairCosts.clear(); // the warm-up's cost, or the estimate, was only a first guess
            pairCosts.append(session.now() - started);
            if (calibrated)
                session.deriveBudget(pairCosts.first(), 1);
        } else {
            pairCosts.append(session.now() - started);
        }
        if (options.onProgress)
            options.onProgress(measurement());
        if (stats.pairs() >= session.minPairs()) {
            decision = stats.decide(report.required);
            // Straddling with no extra core at work fails whichever side of the target the
            // truth lies (judgeSpeedup): more pairs could not change the verdict.
            if (decision == Decision::Straddles && noExtraCoresAtWork(stats, report))
                break;
        } else if (stats.pairs() >= kFewestPairs) {
            decision = stats.decideByMargin(report.required, kClearMargin);
        }
        if (decision == Decision::Above || decision == Decision::Below) {
            report.decidedByMargin = stats.pairs() < session.minPairs();
            break;
        }
    }
    if (stats.pairs() < session.minPairs() && !report.decidedByMargin)
        decision = Decision::TooFewSamples;
    // A fail may be withheld for a busy machine: look again, at the end, before saying so. The
    // baseline's own copies, where they can run, tell more than the probe's arithmetic. A
    // straddling interval fails too when no extra core was at work (judgeSpeedup).
    report.decision = decision;
    const bool mayFail = decision == Decision::Below ||
                         (decision == Decision::Straddles && noExtraCoresAtWork(stats, report));
    if (parallel && mayFail && options.baselineCopies)
        report.baselineCopiesSpeedup = baselineCopiesSpeedup(options.baselineCopies, report, stats);
    else if (decision != Decision::Above)
        probe();

    report.minPairs = session.minPairs();
    report.budget = session.budget();
    report.availableParallelism = available;
    report.probeSamples = int(probes.size());
    report.solutionCpuWaitShare = waiting.shareOf(solutionWall);
    report.solutionStealShare = stolen.shareOf(solutionWall);
    result.measurement = measurement();
    judgeSpeedup(stats, report, result);
    return result;
}

CheckResult runConcurrencyCheck(const CheckSpec &spec, const SolutionTimer &solution,
                                const MeasureOptions &options)
{
    if (!(spec.target > 0.0))
        return packError(spec, QStringLiteral("its target must be a positive number."));
    if (!(spec.waitSeconds > 0.0))
        return packError(spec, QStringLiteral("a concurrency check needs the sum of its waits."));

    Session session(spec, options);
    ConcurrencyReport report;
    report.cores = options.cores > 0 ? options.cores : affinityCores();
    report.waitSeconds = spec.waitSeconds;
    report.target = spec.target;
    QList<RunSample> runs;
    QList<double> costs;

    auto timeOne = [&](bool keep) -> std::optional<CheckResult> {
        const double started = session.now();
        const TimedRun run = solution(0.0); // its waits, not a baseline, set how long it takes
        if (auto failure = runFailure(spec, run, false))
            return failure;
        costs.append(session.now() - started);
        if (keep)
            runs.append(sampleOf(run));
        return std::nullopt;
    };

    if (auto failure = timeOne(false)) // warm-up, discarded
        return *failure;
    report.warmUpSeconds = costs.first();
    session.deriveBudget(costs.first());
    Decision decision = Decision::TooFewSamples;
    while (runs.size() < session.maxPairs()) {
        if (!session.worthAnother(costs, int(runs.size()))) {
            report.budgetExhausted = true;
            break;
        }
        if (runs.isEmpty())
            costs.clear();
        if (auto failure = timeOne(true))
            return *failure;
        report.budget = session.budget();
        if (options.onProgress)
            options.onProgress(
                concurrencyMeasurement(runs, report, kConfidence, session.elapsed()));
        if (runs.size() >= session.minPairs()) {
            decision =
                compareInterval(overlapInterval(runs, report, kConfidence), 1.0 / report.target);
            if (decision == Decision::Above || decision == Decision::Below)
                break;
        }
    }
    if (runs.size() < session.minPairs())
        decision = Decision::TooFewSamples;

    report.decision = decision;
    report.minRuns = session.minPairs();
    report.budget = session.budget();
    CheckResult result = checkResultFor(spec, Verdict::Inconclusive);
    result.measurement = concurrencyMeasurement(runs, report, kConfidence, session.elapsed());
    judgeConcurrency(runs, report, kConfidence, result);
    return result;
}

} // namespace

CheckResult runMeasuredCheck(const CheckSpec &spec, const RunTimer &baseline,
                             const SolutionTimer &solution, const MeasureOptions &options)
{
    if (!solution)
        return packError(spec, QStringLiteral("there is no solution to time."));
    switch (spec.kind) {
    case CheckKind::ParallelSpeedup:
    case CheckKind::SingleCoreSpeedup:
        return runSpeedupCheck(spec, baseline, solution, options);
    case CheckKind::Concurrency:
        return runConcurrencyCheck(spec, solution, options);
    case CheckKind::Cases:
    case CheckKind::Output:
    case CheckKind::Static:
    case CheckKind::Observed:
        break;
    }
    return packError(spec, QStringLiteral("it is not a measured check."));
}

} // namespace Unlocked
