#include "Command.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("unlocked-cli"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Unlocked::runCli(QCoreApplication::arguments().mid(1), out, err);
}
