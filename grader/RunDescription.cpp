#include "RunDescription.h"

#include <QStringList>

#include <csignal>
#include <cstring>

namespace Unlocked {

namespace {

// What a learner can make of a signal; a number alone says nothing to a beginner.
QString crashDescription(int signal)
{
    switch (signal) {
    case SIGSEGV:
        return QStringLiteral("your program crashed: it touched memory it does not own "
                              "(a segmentation fault)");
    case SIGABRT:
        return QStringLiteral("your program aborted (something in it called abort())");
    case SIGFPE:
        return QStringLiteral("your program crashed on an arithmetic error");
    case SIGBUS:
    case SIGILL:
        return QStringLiteral("your program crashed (%1)")
            .arg(QString::fromLocal8Bit(strsignal(signal)));
    case SIGKILL:
    case SIGTERM:
        return QStringLiteral("your program was killed from outside");
    default:
        return QStringLiteral("your program was ended by a signal (%1)")
            .arg(QString::fromLocal8Bit(strsignal(signal)));
    }
}

QString failureWithoutTail(const RunOutcome &run, const Limits &limits)
{
    if (!run.started)
        return QStringLiteral("your program could not be started: %1").arg(run.failure);
    if (run.cancelled)
        return QStringLiteral("the run was stopped");
    if (run.limit != LimitHit::None)
        return limitMessage(run.limit, limits);
    if (run.signal != 0)
        return crashDescription(run.signal);
    if (run.exitCode != 0)
        return QStringLiteral("your program exited with code %1").arg(run.exitCode);
    return {};
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace

QString outputTail(const QByteArray &bytes, int maxLines)
{
    QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join(QLatin1Char('\n'));
}

QString describeRunFailure(const RunOutcome &run, const Limits &limits)
{
    const QString failure = failureWithoutTail(run, limits);
    if (!run.started || run.cancelled || run.limit != LimitHit::None || run.signal != 0 ||
        run.exitCode == 0)
        return failure;
    const QString tail = outputTail(run.err, 8);
    return tail.isEmpty() ? failure : QStringLiteral("%1:\n%2").arg(failure, tail);
}

QString runSummary(const RunOutcome &run, const Limits &limits)
{
    QString text;
    if (!run.started)
        text = capitalized(failureWithoutTail(run, limits)) + QLatin1Char('.');
    else if (run.cancelled)
        text = QStringLiteral("Stopped after %1 s.").arg(run.wallSeconds, 0, 'f', 2);
    else if (run.limit != LimitHit::None)
        text = QStringLiteral("Stopped because %1.").arg(limitMessage(run.limit, limits));
    else if (const QString failure = failureWithoutTail(run, limits); !failure.isEmpty())
        text = QStringLiteral("%1 after %2 s.")
                   .arg(capitalized(failure))
                   .arg(run.wallSeconds, 0, 'f', 2);
    else
        text = QStringLiteral("Finished in %1 s (%2 s of CPU).")
                   .arg(run.wallSeconds, 0, 'f', 2)
                   .arg(run.cpuSeconds, 0, 'f', 2);
    if ((run.outDropped > 0 || run.errDropped > 0) && run.limit != LimitHit::Output)
        text += QStringLiteral(" Your program printed too much output, so we stopped showing it.");
    if (run.started && !run.isolated)
        text += QStringLiteral(" (Ran without isolation.)");
    return text;
}

} // namespace Unlocked
