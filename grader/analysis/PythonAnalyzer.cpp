#include "PythonAnalyzer.h"

namespace Unlocked {

SourceFacts PythonAnalyzer::analyze(const QString &, const QString &)
{
    SourceFacts facts;
    facts.failure = QStringLiteral("source analysis is not implemented yet");
    return facts;
}

} // namespace Unlocked
