// Saves drafts in a loop, as fast as it can, until it is killed. Each save is one transaction
// (a draft plus a large attempt row, so that a kill often lands mid-transaction); after each
// commit it prints the number it committed.
#include "ProgressStore.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    Unlocked::ProgressStore store(QString::fromLocal8Bit(argv[1]));
    if (!store.isOpen())
        return 3;
    store.setPackId(QStringLiteral("crash"));
    Unlocked::GradeResult result;
    result.verdict = Unlocked::Verdict::Failed;
    const QString bulk(20000, QLatin1Char('y'));
    for (qint64 n = 1;; ++n) {
        const QString draft = QStringLiteral("draft %1\n").arg(n) + bulk;
        store.recordAttempt(QStringLiteral("t"), draft, result);
        if (!store.saveDraft(QStringLiteral("t"), draft))
            return 4;
        std::printf("%lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
