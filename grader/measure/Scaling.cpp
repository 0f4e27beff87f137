#include "Scaling.h"

#include <QJsonArray>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace Unlocked {

double AmdahlFit::speedupAt(int cores) const
{
    if (!ok || cores < 1 || oneCoreSpeedup <= 0.0)
        return 0.0;
    return oneCoreSpeedup / (serialFraction + (1.0 - serialFraction) / cores);
}

std::optional<double> AmdahlFit::limit() const
{
    if (!ok || serialFraction < 1e-9) // rounding of a fit that is all parallel
        return std::nullopt;
    return oneCoreSpeedup / serialFraction;
}

AmdahlFit fitAmdahl(const QList<ScalePoint> &points)
{
    AmdahlFit fit;
    QList<std::pair<double, double>> xy; // (1/n, 1/speedup)
    QList<int> counts;
    for (const ScalePoint &p : points) {
        if (!p.ok() || p.cores < 1)
            continue;
        xy.append({1.0 / p.cores, 1.0 / p.speedup});
        if (!counts.contains(p.cores))
            counts.append(p.cores);
    }
    if (counts.size() < 2) {
        fit.why = QStringLiteral("Amdahl's law needs speedups at two core counts or more");
        return fit;
    }
    double mx = 0, my = 0;
    for (const auto &[x, y] : xy) {
        mx += x;
        my += y;
    }
    mx /= xy.size();
    my /= xy.size();
    double sxx = 0, sxy = 0;
    for (const auto &[x, y] : xy) {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
    }
    double b = sxy / sxx;   // the part that divides by the cores
    double a = my - b * mx; // the part that does not
    // Outside the law's range the nearest law is kept: a solution that got slower with more
    // cores is all serial (b = 0); one that got more than n times faster is all parallel (a = 0).
    if (b < 0) {
        b = 0;
        a = my;
    } else if (a < 0) {
        a = 0;
        double sx2 = 0, sxy0 = 0;
        for (const auto &[x, y] : xy) {
            sx2 += x * x;
            sxy0 += x * y;
        }
        b = sxy0 / sx2;
    }
    if (!(a + b > 0)) {
        fit.why = QStringLiteral("the speedups do not fit Amdahl's law");
        return fit;
    }
    fit.ok = true;
    fit.serialFraction = a / (a + b);
    fit.oneCoreSpeedup = 1.0 / (a + b);
    double squares = 0;
    for (const ScalePoint &p : points)
        if (p.ok() && p.cores >= 1) {
            const double relative = fit.speedupAt(p.cores) / p.speedup - 1.0;
            squares += relative * relative;
        }
    fit.rmsError = std::sqrt(squares / xy.size());
    return fit;
}

QList<int> scaleCoreCounts(int cores)
{
    QList<int> counts;
    for (int n = 1; n <= std::min(cores, 8); ++n)
        counts.append(n);
    for (int power = 8; power < cores; power *= 2) {
        for (int n : {power + power / 2, power * 2})
            if (n < cores && !counts.contains(n))
                counts.append(n);
    }
    if (cores > 0 && !counts.contains(cores))
        counts.append(cores);
    return counts;
}

namespace {

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

QString ScaleResult::toText() const
{
    QString text;
    QTextStream out(&text);
    out << "Speedup by cores: " << taskId << " (" << file << "), check \"" << checkName << "\"\n";
    if (!error.isEmpty()) {
        out << "Not measured: " << error << '\n';
        return text;
    }
    out << "Up to " << maxCores << " core(s), the CPUs the grader may use";
    if (workloadSize > 0)
        out << "; workload size " << workloadSize;
    out << "; start-up of " << fixed(fixedSeconds, 3) << " s taken out of each run.";
    if (!isolated)
        out << " NOT ISOLATED.";
    out << "\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("cores"), 5)
               .arg(QStringLiteral("speedup"), 8)
               .arg(QStringLiteral("85% interval"), 15)
               .arg(QStringLiteral("ideal"), 6)
               .arg(QStringLiteral("Amdahl"), 7)
               .arg(QStringLiteral("efficiency"), 10)
               .arg(QStringLiteral("solution"), 9)
               .arg(QStringLiteral("baseline"), 9);
    for (const ScalePoint &p : points) {
        if (!p.ok()) {
            out << QStringLiteral("%1  not measured: %2\n").arg(p.cores, 5).arg(p.error);
            continue;
        }
        const QString interval =
            p.high > 0 ? QStringLiteral("[%1, %2]").arg(fixed(p.low, 2), fixed(p.high, 2))
                       : QStringLiteral("(too few)");
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(p.cores, 5)
                   .arg(fixed(p.speedup, 2), 8)
                   .arg(interval, 15)
                   .arg(fixed(p.cores, 2), 6)
                   .arg(fit.ok ? fixed(fit.speedupAt(p.cores), 2) : QStringLiteral("-"), 7)
                   .arg(QStringLiteral("%1%").arg(qRound(100 * p.speedup / p.cores)), 10)
                   .arg(fixed(p.solutionSeconds, 3) + QStringLiteral(" s"), 9)
                   .arg(fixed(p.baselineSeconds, 3) + QStringLiteral(" s"), 9);
    }
    out << '\n';
    if (!fit.ok) {
        out << "No Amdahl fit: " << fit.why << ".\n";
        return text;
    }
    out << "Amdahl's law fits a serial fraction of " << fixed(100 * fit.serialFraction, 1)
        << "% (fitted speedups within " << fixed(100 * fit.rmsError, 1)
        << "% of the measured, rms)";
    if (const auto most = fit.limit())
        out << ": no number of cores could make it more than " << fixed(*most, 1)
            << " times faster than the baseline.\n";
    else
        out << ": it would keep getting faster with more cores.\n";
    return text;
}

QJsonObject ScaleResult::toJson() const
{
    QJsonArray rows;
    for (const ScalePoint &p : points) {
        QJsonObject row{{"cores", p.cores},
                        {"pairs", p.pairs},
                        {"ideal", double(p.cores)},
                        {"baselineSeconds", p.baselineSeconds},
                        {"solutionSeconds", p.solutionSeconds},
                        {"utilization", p.utilization}};
        if (p.ok()) {
            row.insert("speedup", p.speedup);
            row.insert("efficiency", p.speedup / p.cores);
            if (p.high > 0) {
                row.insert("low", p.low);
                row.insert("high", p.high);
            }
            if (fit.ok)
                row.insert("amdahl", fit.speedupAt(p.cores));
        } else {
            row.insert("error", p.error);
        }
        rows.append(row);
    }
    QJsonObject amdahl{{"ok", fit.ok}};
    if (fit.ok) {
        amdahl.insert("serialFraction", fit.serialFraction);
        amdahl.insert("oneCoreSpeedup", fit.oneCoreSpeedup);
        amdahl.insert("rmsError", fit.rmsError);
        if (const auto most = fit.limit())
            amdahl.insert("limit", *most);
    } else {
        amdahl.insert("why", fit.why);
    }
    QJsonObject json{{"task", taskId},
                     {"title", taskTitle},
                     {"file", file},
                     {"check", checkName},
                     {"maxCores", maxCores},
                     {"workloadSize", workloadSize},
                     {"fixedSeconds", fixedSeconds},
                     {"isolated", isolated},
                     {"points", rows},
                     {"amdahl", amdahl}};
    if (!error.isEmpty())
        json.insert("error", error);
    return json;
}

} // namespace Unlocked
