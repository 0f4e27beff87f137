// unlocked_native: CPU-bound native work for the native-libraries lesson. `crunch` releases the
// GIL while it works, so Python threads calling it run on several cores at once;
// `crunch_holding_gil` does the very same work without releasing it, so they take turns.
#include <pybind11/pybind11.h>

#include <cstdint>

namespace py = pybind11;

namespace {

// Rounds of mixing per unit of n: crunch(10_000_000) takes about 0.1-0.3 s on a current x86-64
// core (see docs/native.md).
constexpr int kRoundsPerUnit = 12;

// A xorshift64 generator folded into a running checksum. Every round depends on the one before,
// so the compiler can neither fold the loop into a formula nor vectorise it away.
std::uint64_t crunchWork(std::uint64_t n)
{
    std::uint64_t state = 0x9E3779B97F4A7C15ull ^ n;
    std::uint64_t checksum = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        for (int round = 0; round < kRoundsPerUnit; ++round) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
        checksum = (checksum ^ (state * 0x2545F4914F6CDD1Dull)) + i;
        checksum = (checksum << 5) | (checksum >> 59);
    }
    return checksum;
}

std::uint64_t checkedCount(std::int64_t n)
{
    if (n < 0)
        throw py::value_error("n must be >= 0");
    return static_cast<std::uint64_t>(n);
}

std::uint64_t crunch(std::int64_t n)
{
    const std::uint64_t count = checkedCount(n);
    py::gil_scoped_release release;
    return crunchWork(count);
}

std::uint64_t crunchHoldingGil(std::int64_t n)
{
    return crunchWork(checkedCount(n));
}

} // namespace

PYBIND11_MODULE(unlocked_native, m)
{
    m.doc() = "CPU-bound native work for Unlocked's native-libraries lesson.\n\n"
              "crunch() releases the GIL while it runs, so threads calling it use several "
              "cores at once; crunch_holding_gil() does the same work while holding the GIL.";
    m.def("crunch", &crunch, py::arg("n"),
          "crunch(n: int) -> int\n\n"
          "Mix a 64-bit state n times and return its checksum (0 <= result < 2**64).\n"
          "Deterministic: the same n always gives the same result. The GIL is released while\n"
          "the work runs, so other Python threads keep running. Time grows linearly with n;\n"
          "crunch(10_000_000) takes roughly 0.1-0.3 s. Raises ValueError if n < 0.");
    m.def("crunch_holding_gil", &crunchHoldingGil, py::arg("n"),
          "crunch_holding_gil(n: int) -> int\n\n"
          "The same work and result as crunch(n), but the GIL stays held throughout, so no\n"
          "other Python thread of this process runs meanwhile. Raises ValueError if n < 0.");
}
