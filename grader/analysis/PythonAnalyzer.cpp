#include "PythonAnalyzer.h"

#include "CythonImports.h"
#include "Paths.h"

#include <QLibrary>

namespace Unlocked {

namespace {

// A hand-written solution is a few KB. Python's parser needs up to 250 bytes of memory per byte
// of a pathological file (`1+1+...`), so past this size we refuse to read it.
constexpr qsizetype kMaxSourceBytes = 512 * 1024;

using AnalyzeSource = void (*)(const QByteArray &utf8, const QString &fileName, SourceFacts &facts);

/**
 * The embedded interpreter's module (EmbeddedPython.cpp), loaded on first use and never
 * unloaded, so that commands without a static check do not pay for loading libpython.
 */
AnalyzeSource embeddedAnalyzer(QString *error)
{
    static QString loadError;
    static const AnalyzeSource function = [] {
        QLibrary module(Paths::analyzerModule());
        if (!module.load()) {
            loadError = module.errorString();
            return AnalyzeSource(nullptr);
        }
        const auto found = reinterpret_cast<AnalyzeSource>(module.resolve("unlockedAnalyzeSource"));
        if (!found)
            loadError = module.errorString();
        return found;
    }();
    *error = loadError;
    return function;
}

} // namespace

SourceFacts PythonAnalyzer::analyze(const QString &source, const QString &fileName)
{
    SourceFacts facts;
    if (fileName.endsWith(QLatin1String(".pyx"), Qt::CaseInsensitive)) {
        facts.imports = cythonImports(source);
        return facts;
    }
    const QByteArray utf8 = source.toUtf8();
    if (utf8.size() > kMaxSourceBytes) {
        facts.failure =
            QStringLiteral("your file is too large to check (%1 KB; the limit is %2 KB)")
                .arg((utf8.size() + 1023) / 1024)
                .arg(kMaxSourceBytes / 1024);
        return facts;
    }
    QString error;
    const AnalyzeSource analyze = embeddedAnalyzer(&error);
    if (!analyze) {
        facts.failure = QStringLiteral("the Python checker could not be loaded: %1").arg(error);
        facts.internalError = true;
        return facts;
    }
    analyze(utf8, fileName.isEmpty() ? QStringLiteral("<solution>") : fileName, facts);
    return facts;
}

} // namespace Unlocked
