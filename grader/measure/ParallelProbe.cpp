#include "ParallelProbe.h"

#include "SampleStatistics.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace Unlocked {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<std::uint64_t> g_sink{0}; // keeps the spin loop from being optimised away

std::uint64_t spin(Clock::time_point start, Clock::time_point end)
{
    while (Clock::now() < start) {
    }
    std::uint64_t count = 0;
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    while (Clock::now() < end) {
        for (int i = 0; i < 2048; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        count += 2048;
    }
    g_sink.fetch_xor(x, std::memory_order_relaxed);
    return count;
}

double spinThreads(int threads, double seconds)
{
    const auto start = Clock::now() + std::chrono::milliseconds(2);
    const auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::uint64_t> counts(threads, 0);
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t)
        workers.emplace_back([&counts, t, start, end] { counts[t] = spin(start, end); });
    counts[0] = spin(start, end);
    for (std::thread &worker : workers)
        worker.join();
    double total = 0.0;
    for (std::uint64_t count : counts)
        total += double(count);
    return total;
}

} // namespace

double ParallelProbe::measure(int cores, double windowSeconds)
{
    if (cores < 2)
        return 1.0;
    // One thread before and after the parallel window, so a load that starts or stops
    // meanwhile moves both sides of the ratio alike.
    const double before = spinThreads(1, windowSeconds / 2);
    const double parallel = spinThreads(cores, windowSeconds);
    const double after = spinThreads(1, windowSeconds / 2);
    const double single = before + after;
    if (single <= 0.0)
        return 1.0;
    return std::clamp(parallel / single, 0.0, double(cores));
}

QList<double> ParallelProbe::sampleUntilStable(const std::function<double()> &sample,
                                               int maxSamples)
{
    QList<double> samples;
    while (samples.size() < std::max(3, maxSamples)) {
        samples.append(sample());
        if (samples.size() < 3)
            continue;
        const QList<double> last = samples.mid(samples.size() - 3);
        const double median = SampleStatistics::median(last);
        const auto [low, high] = std::minmax_element(last.cbegin(), last.cend());
        if (median > 0.0 && *high - *low <= 0.1 * median)
            break;
    }
    return samples;
}

double ParallelProbe::stableValue(const QList<double> &samples)
{
    if (samples.isEmpty())
        return 0.0;
    return SampleStatistics::median(samples.mid(std::max<qsizetype>(0, samples.size() - 3)));
}

} // namespace Unlocked
