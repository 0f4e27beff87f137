#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Unlocked {

struct SyntaxIssue
{
    int line = 0;
    int column = 0;
    QString message; // Python's own message, e.g. "expected ':'"
};

/** What Python's own parser says about a learner's source. Nothing is ever executed. */
struct SourceFacts
{
    std::optional<SyntaxIssue> syntaxError;
    QString failure;            // the source could not be analysed at all (e.g. nested too deeply)
    bool internalError = false; // with failure: the checker itself broke, not the learner's file
    QStringList imports;        // modules imported, dotted: "multiprocessing", "concurrent.futures"
    QStringList calls;          // calls resolved through imports: "multiprocessing.Process"
    QStringList functions;      // names of functions defined with def
    QStringList asyncFunctions;
    bool usesAwait = false;
    // Names used as attributes, of anything: `x.run_in_executor`, `f().to_thread`,
    // `from asyncio import to_thread`, `getattr(x, "to_thread")`.
    QStringList attributes;
};

/**
 * Parses Python source with the embedded CPython (one interpreter per process, serialised).
 * Thread-safe; survives hostile input (huge expressions, NUL bytes, deep nesting). Files over
 * 512 KiB are refused (failure). A `.pyx` fileName gets only a line scan for imports.
 */
class PythonAnalyzer
{
public:
    static SourceFacts analyze(const QString &source, const QString &fileName);
};

} // namespace Unlocked
