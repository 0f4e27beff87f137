#include "ResultFormat.h"

#include "SafeText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QXmlStreamWriter>

namespace Unlocked::ResultFormat {

QJsonObject measurementToJson(const Measurement &m)
{
    QJsonArray samples;
    for (double sample : m.samples)
        samples.append(sample);
    return QJsonObject{
        {QStringLiteral("pairs"), m.pairs},
        {QStringLiteral("baseline_median_s"), m.baselineMedian},
        {QStringLiteral("solution_median_s"), m.solutionMedian},
        {QStringLiteral("speedup"), m.speedup},
        {QStringLiteral("speedup_low"), m.speedupLow},
        {QStringLiteral("speedup_high"), m.speedupHigh},
        {QStringLiteral("required"), m.required},
        {QStringLiteral("cores"), m.cores},
        {QStringLiteral("utilization"), m.utilization},
        {QStringLiteral("baseline_utilization"), m.baselineUtilization},
        {QStringLiteral("baseline_cpu_s"), m.baselineCpu},
        {QStringLiteral("solution_cpu_s"), m.solutionCpu},
        {QStringLiteral("seconds"), m.seconds},
        {QStringLiteral("speedup_whole"), m.wholeSpeedup},
        {QStringLiteral("fixed_cost_s"), m.fixedSeconds},
        {QStringLiteral("workload_size"), double(m.workloadSize)},
        {QStringLiteral("calibrated_baseline_s"), m.calibratedBaselineSeconds},
        {QStringLiteral("budget_s"), m.budgetSeconds},
        {QStringLiteral("cpu_wait_share"), m.cpuWaitShare},
        {QStringLiteral("steal_share"), m.stealShare},
        {QStringLiteral("baseline_copies_speedup"), m.baselineCopiesSpeedup},
        {QStringLiteral("solution_runs_stopped"), m.solutionRunsStopped},
        {QStringLiteral("samples"), samples},
    };
}

Measurement measurementFromJson(const QJsonObject &o)
{
    Measurement m;
    m.pairs = o.value(QLatin1String("pairs")).toInt();
    m.baselineMedian = o.value(QLatin1String("baseline_median_s")).toDouble();
    m.solutionMedian = o.value(QLatin1String("solution_median_s")).toDouble();
    m.speedup = o.value(QLatin1String("speedup")).toDouble();
    m.speedupLow = o.value(QLatin1String("speedup_low")).toDouble();
    m.speedupHigh = o.value(QLatin1String("speedup_high")).toDouble();
    m.required = o.value(QLatin1String("required")).toDouble();
    m.cores = o.value(QLatin1String("cores")).toInt();
    m.utilization = o.value(QLatin1String("utilization")).toDouble();
    m.baselineUtilization = o.value(QLatin1String("baseline_utilization")).toDouble();
    m.baselineCpu = o.value(QLatin1String("baseline_cpu_s")).toDouble();
    m.solutionCpu = o.value(QLatin1String("solution_cpu_s")).toDouble();
    m.seconds = o.value(QLatin1String("seconds")).toDouble();
    m.wholeSpeedup = o.value(QLatin1String("speedup_whole")).toDouble();
    m.fixedSeconds = o.value(QLatin1String("fixed_cost_s")).toDouble();
    m.workloadSize = qint64(o.value(QLatin1String("workload_size")).toDouble());
    m.calibratedBaselineSeconds = o.value(QLatin1String("calibrated_baseline_s")).toDouble();
    m.budgetSeconds = o.value(QLatin1String("budget_s")).toDouble();
    m.cpuWaitShare = o.value(QLatin1String("cpu_wait_share")).toDouble(-1.0);
    m.stealShare = o.value(QLatin1String("steal_share")).toDouble(-1.0);
    m.baselineCopiesSpeedup = o.value(QLatin1String("baseline_copies_speedup")).toDouble();
    m.solutionRunsStopped = o.value(QLatin1String("solution_runs_stopped")).toInt();
    for (const QJsonValue &sample : o.value(QLatin1String("samples")).toArray())
        m.samples.append(sample.toDouble());
    return m;
}

QJsonObject toJson(const GradeResult &result)
{
    QJsonArray checks;
    for (const CheckResult &c : result.checks) {
        QJsonObject o{{QStringLiteral("name"), c.name},
                      {QStringLiteral("kind"), checkKindName(c.kind)},
                      {QStringLiteral("verdict"), verdictName(c.verdict)},
                      {QStringLiteral("message"), c.message}};
        if (!c.headline.isEmpty())
            o.insert(QStringLiteral("headline"), c.headline);
        if (!c.detail.isEmpty())
            o.insert(QStringLiteral("detail"), c.detail);
        if (!c.publicMessage.isEmpty())
            o.insert(QStringLiteral("public_message"), c.publicMessage);
        if (c.line > 0) {
            o.insert(QStringLiteral("line"), c.line);
            o.insert(QStringLiteral("column"), c.column);
        }
        if (c.measurement)
            o.insert(QStringLiteral("measurement"), measurementToJson(*c.measurement));
        checks.append(o);
    }
    QJsonObject o{{QStringLiteral("task"), result.taskId},
                  {QStringLiteral("title"), result.taskTitle},
                  {QStringLiteral("file"), result.file},
                  {QStringLiteral("verdict"), verdictName(result.verdict)},
                  {QStringLiteral("isolated"), result.isolated},
                  {QStringLiteral("seconds"), result.seconds},
                  {QStringLiteral("checks"), checks}};
    if (!result.message.isEmpty())
        o.insert(QStringLiteral("message"), result.message);
    if (result.cancelled)
        o.insert(QStringLiteral("cancelled"), true);
    return o;
}

GradeResult fromJson(const QJsonObject &o)
{
    GradeResult r;
    r.taskId = o.value(QLatin1String("task")).toString();
    r.taskTitle = o.value(QLatin1String("title")).toString();
    r.file = o.value(QLatin1String("file")).toString();
    r.verdict =
        verdictFromName(o.value(QLatin1String("verdict")).toString()).value_or(Verdict::Error);
    r.isolated = o.value(QLatin1String("isolated")).toBool(true);
    r.seconds = o.value(QLatin1String("seconds")).toDouble();
    r.message = o.value(QLatin1String("message")).toString();
    r.cancelled = o.value(QLatin1String("cancelled")).toBool();
    for (const QJsonValue &v : o.value(QLatin1String("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        CheckResult check;
        check.name = c.value(QLatin1String("name")).toString();
        check.kind =
            checkKindFromName(c.value(QLatin1String("kind")).toString()).value_or(CheckKind::Cases);
        check.verdict =
            verdictFromName(c.value(QLatin1String("verdict")).toString()).value_or(Verdict::Error);
        check.message = c.value(QLatin1String("message")).toString();
        check.headline = c.value(QLatin1String("headline")).toString();
        check.detail = c.value(QLatin1String("detail")).toString();
        check.publicMessage = c.value(QLatin1String("public_message")).toString();
        check.line = c.value(QLatin1String("line")).toInt();
        check.column = c.value(QLatin1String("column")).toInt();
        if (c.contains(QLatin1String("measurement")))
            check.measurement =
                measurementFromJson(c.value(QLatin1String("measurement")).toObject());
        r.checks.append(check);
    }
    return r;
}

QString toText(const GradeResult &result)
{
    QString text;
    QTextStream out(&text);
    out << result.taskId << ": " << verdictName(result.verdict).toUpper();
    if (!result.isolated)
        out << " (UNISOLATED: ran without the sandbox)";
    out << QStringLiteral(" in %1 s").arg(result.seconds, 0, 'f', 1) << '\n';
    if (!result.message.isEmpty())
        out << "  " << result.message << '\n';
    for (const CheckResult &c : result.checks) {
        out << "  [" << verdictName(c.verdict) << "] " << c.name;
        if (c.line > 0 && !c.message.startsWith(QLatin1String("line ")))
            out << " (line " << c.line
                << (c.column > 0 ? QStringLiteral(", column %1").arg(c.column) : QString()) << ")";
        out << ": " << QString(c.message).replace(QLatin1Char('\n'), QLatin1String("\n      "))
            << '\n';
        if (const auto &m = c.measurement; m && m->pairs > 0) {
            out << QStringLiteral("      %1 pairs; median %2 s baseline, %3 s yours; speedup %4x "
                                  "(bound %5–%6x), needs %7x; %8 cores; %9 cores busy\n")
                       .arg(m->pairs)
                       .arg(m->baselineMedian, 0, 'f', 2)
                       .arg(m->solutionMedian, 0, 'f', 2)
                       .arg(m->speedup, 0, 'f', 2)
                       .arg(m->speedupLow, 0, 'f', 2)
                       .arg(m->speedupHigh, 0, 'f', 2)
                       .arg(m->required, 0, 'f', 2)
                       .arg(m->cores)
                       .arg(m->utilization, 0, 'f', 2);
            if (m->fixedSeconds > 0.0 || m->workloadSize > 0)
                out << QStringLiteral("      whole runs %1x, start-up %2 s taken out; workload "
                                      "size %3\n")
                           .arg(m->wholeSpeedup, 0, 'f', 2)
                           .arg(m->fixedSeconds, 0, 'f', 2)
                           .arg(m->workloadSize > 0 ? QString::number(m->workloadSize)
                                                    : QStringLiteral("as written"));
        }
        if (c.verdict != Verdict::Passed && !c.detail.trimmed().isEmpty() &&
            c.detail.trimmed() != c.message.trimmed()) {
            const QStringList lines = c.detail.trimmed().split(QLatin1Char('\n'));
            for (const QString &l : lines.mid(0, 20))
                out << "      | " << l << '\n';
            if (lines.size() > 20)
                out << "      | (" << lines.size() - 20 << " more lines)\n";
        }
    }
    // Messages quote the submission's output: shown to a terminal, they must not drive it.
    return SafeText::visible(text);
}

QByteArray toJUnit(const QList<Submission> &submissions)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("unlocked"));
    for (const Submission &s : submissions) {
        const GradeResult &r = s.result;
        int failures = 0, errors = 0, skipped = 0;
        for (const CheckResult &c : r.checks) {
            failures += c.verdict == Verdict::Failed;
            errors += c.verdict == Verdict::Error;
            skipped += c.verdict == Verdict::Inconclusive;
        }
        const bool noChecks = r.checks.isEmpty();
        // XML 1.0 has no way to carry most control characters, not even escaped.
        const QString suite = SafeText::visible(
            s.learner.isEmpty() ? r.taskId : s.learner + QLatin1Char('.') + r.taskId);
        w.writeStartElement(QStringLiteral("testsuite"));
        w.writeAttribute(QStringLiteral("name"), suite);
        w.writeAttribute(QStringLiteral("tests"), QString::number(noChecks ? 1 : r.checks.size()));
        w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        w.writeAttribute(QStringLiteral("errors"), QString::number(noChecks ? 1 : errors));
        w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
        w.writeAttribute(QStringLiteral("time"), QString::number(r.seconds, 'f', 3));
        auto testcase = [&](const QString &name, Verdict v, const QString &message,
                            const QString &body, double seconds) {
            w.writeStartElement(QStringLiteral("testcase"));
            w.writeAttribute(QStringLiteral("classname"), QStringLiteral("unlocked.") + suite);
            w.writeAttribute(QStringLiteral("name"), SafeText::visible(name));
            w.writeAttribute(QStringLiteral("time"), QString::number(seconds, 'f', 3));
            const char *element = v == Verdict::Failed         ? "failure"
                                  : v == Verdict::Error        ? "error"
                                  : v == Verdict::Inconclusive ? "skipped"
                                                               : nullptr;
            if (element) {
                w.writeStartElement(QLatin1String(element));
                w.writeAttribute(QStringLiteral("message"), SafeText::visible(message.left(500)));
                w.writeAttribute(QStringLiteral("type"), verdictName(v));
                if (!body.isEmpty())
                    w.writeCharacters(SafeText::visible(body));
                w.writeEndElement();
            }
            w.writeEndElement();
        };
        if (noChecks)
            testcase(QStringLiteral("grading"), Verdict::Error, r.message, QString(), r.seconds);
        for (const CheckResult &c : r.checks)
            testcase(c.name, c.verdict, c.message, c.message + QLatin1Char('\n') + c.detail,
                     c.measurement ? c.measurement->seconds : 0.0);
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

QByteArray toBatchJson(const QList<Submission> &submissions)
{
    QJsonArray results;
    QJsonObject counts;
    for (const Submission &s : submissions) {
        QJsonObject o = toJson(s.result);
        o.insert(QStringLiteral("learner"), s.learner);
        o.insert(QStringLiteral("path"), s.path);
        results.append(o);
        const QString v = verdictName(s.result.verdict);
        counts.insert(v, counts.value(v).toInt() + 1);
    }
    return SafeText::jsonBytes(QJsonDocument(QJsonObject{{QStringLiteral("results"), results},
                                                         {QStringLiteral("counts"), counts}})
                                   .toJson());
}

QByteArray toCsv(const QList<Submission> &submissions)
{
    QString csv = QStringLiteral("learner,task,verdict,seconds,speedup,required,reason\n");
    for (const Submission &s : submissions) {
        const CheckResult *measured = nullptr;
        for (const CheckResult &c : s.result.checks)
            if (c.measurement && !measured)
                measured = &c;
        csv +=
            QStringList{
                SafeText::csvField(s.learner),
                SafeText::csvField(s.taskId),
                verdictName(s.result.verdict),
                QString::number(s.result.seconds, 'f', 2),
                measured ? QString::number(measured->measurement->speedup, 'f', 2) : QString(),
                measured ? QString::number(measured->measurement->required, 'f', 2) : QString(),
                SafeText::csvField(s.result.verdict == Verdict::Passed ? QString()
                                                                       : s.result.firstProblem())}
                .join(QLatin1Char(','));
        csv += QLatin1Char('\n');
    }
    return csv.toUtf8();
}

} // namespace Unlocked::ResultFormat
