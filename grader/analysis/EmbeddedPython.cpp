// The embedded CPython that parses learners' files, built as a module of its own: only a
// command that runs a static check loads it (and libpython with it), through PythonAnalyzer.
//
// Python's headers must come before Qt's (Python's `slots` struct member meets Qt's macro).
#include <pybind11/embed.h>

#include "analysis/PythonAnalyzer.h"

#include "analysis/AnalyzerScript.h"

#include <QByteArray>

#include <pthread.h>
#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <condition_variable>
#include <exception>
#include <mutex>

namespace py = pybind11;

namespace Unlocked {

namespace {

// After parsing a file this large, hand the parser's memory back to the system: the app runs
// for hours and glibc would otherwise keep the peak.
constexpr qsizetype kTrimAfterBytes = 64 * 1024;

// Python's parser and AST builder recurse in C. Their own limits stop them long before 256 MiB;
// a large stack makes sure those limits, not the thread's stack, are what a deep file hits.
// The memory is only reserved, not committed.
constexpr size_t kStackBytes = 256u * 1024 * 1024;
constexpr size_t kFallbackStackBytes = 16u * 1024 * 1024;

const QString kNestedMessage = QStringLiteral("your file is too deeply nested for Python to read");

struct Job
{
    QByteArray source; // UTF-8
    QByteArray fileName;
    SourceFacts facts;
};

QStringList toStringList(const py::handle &list)
{
    QStringList out;
    for (const py::handle item : list)
        out.append(QString::fromStdString(item.cast<std::string>()));
    return out;
}

SourceFacts factsFromResult(const py::tuple &result)
{
    SourceFacts facts;
    const std::string kind = result[0].cast<std::string>();
    if (kind == "ok") {
        facts.imports = toStringList(result[1]);
        facts.calls = toStringList(result[2]);
        facts.functions = toStringList(result[3]);
        facts.asyncFunctions = toStringList(result[4]);
        facts.usesAwait = result[5].cast<bool>();
        facts.attributes = toStringList(result[6]);
    } else if (kind == "syntax") {
        SyntaxIssue issue;
        issue.message = QString::fromStdString(result[1].cast<std::string>());
        issue.line = result[2].cast<int>();
        issue.column = result[3].cast<int>();
        facts.syntaxError = issue;
    } else {
        const std::string reason = result[1].cast<std::string>();
        facts.failure = reason == "nested" ? kNestedMessage
                                           : QStringLiteral("Python could not read your file (%1)")
                                                 .arg(QString::fromStdString(reason));
    }
    return facts;
}

/**
 * The one embedded interpreter. It lives on a thread of its own, with a large stack, started on
 * first use and never stopped: finalising Python at exit, while other threads may still call
 * in, is a classic way to crash on the way out. The object is deliberately leaked for the same
 * reason (its mutexes must outlive every static destructor).
 */
class Engine
{
public:
    static Engine &instance()
    {
        static Engine *engine = new Engine;
        return *engine;
    }

    SourceFacts run(const QByteArray &source, const QString &fileName)
    {
        // Callers queue here; the engine thread takes one job at a time and holds the GIL for it.
        std::lock_guard callLock(m_callMutex);
        if (!m_startError.isEmpty()) {
            SourceFacts facts;
            facts.failure = m_startError;
            facts.internalError = true;
            return facts;
        }
        Job job{source, fileName.toUtf8(), {}};
        std::unique_lock lock(m_mutex);
        m_job = &job;
        m_done = false;
        m_wake.notify_all();
        m_wake.wait(lock, [this] { return m_done; });
        m_job = nullptr;
        return job.facts;
    }

private:
    Engine()
    {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        // The thread starts with every signal blocked, so signals meant for the application
        // (SIGINT, SIGCHLD, ...) are never delivered to it.
        sigset_t all;
        sigset_t previous;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &previous);
        pthread_t thread;
        bool started = false;
        for (size_t stack : {kStackBytes, kFallbackStackBytes}) {
            pthread_attr_setstacksize(&attr, stack);
            if (pthread_create(&thread, &attr, &Engine::threadMain, this) == 0) {
                started = true;
                break;
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        pthread_attr_destroy(&attr);
        if (!started) {
            m_startError = QStringLiteral("the Python checker could not start a thread");
            return;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_ready; });
    }

    static void *threadMain(void *self)
    {
        static_cast<Engine *>(self)->loop();
        return nullptr;
    }

    void loop()
    {
        const QString error = startInterpreter();
        {
            std::lock_guard lock(m_mutex);
            m_startError = error;
            m_ready = true;
        }
        m_wake.notify_all();
        if (!error.isEmpty())
            return;
        for (;;) {
            Job *job = nullptr;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_job != nullptr && !m_done; });
                job = m_job;
            }
            job->facts = analyzeHere(*job);
#ifdef __GLIBC__
            if (job->source.size() > kTrimAfterBytes)
                malloc_trim(0);
#endif
            {
                std::lock_guard lock(m_mutex);
                m_done = true;
            }
            m_wake.notify_all();
        }
    }

    QString startInterpreter()
    {
        try {
            if (!Py_IsInitialized()) {
                PyConfig config;
                // Isolated: PYTHONPATH, PYTHONHOME, user site and the current directory (which
                // may hold a learner's `ast.py`) have no say in what the checker imports.
                PyConfig_InitIsolatedConfig(&config);
                config.install_signal_handlers = 0; // Ctrl-C stays with the application
                config.site_import = 0;
                config.write_bytecode = 0;
#ifdef UNLOCKED_PYTHON_HOME
                PyConfig_SetBytesString(&config, &config.home, UNLOCKED_PYTHON_HOME);
#endif
                py::initialize_interpreter(&config, 0, nullptr, false);
                // Release the GIL taken by initialisation; each job takes it back.
                PyEval_SaveThread();
            }
            py::gil_scoped_acquire gil;
            py::dict scope;
            scope["__name__"] = "unlocked_analysis";
            py::exec(kAnalyzerScript, scope);
            m_analyze = new py::object(scope["analyze"]); // leaked with the engine
            return {};
        } catch (const std::exception &error) {
            return QStringLiteral("the Python checker could not start: %1")
                .arg(QString::fromLocal8Bit(error.what()));
        }
    }

    SourceFacts analyzeHere(const Job &job)
    {
        py::gil_scoped_acquire gil;
        try {
            // Valid UTF-8 by construction (QString::toUtf8 replaces lone surrogates), so "replace"
            // never has to act; it is there so that decoding cannot fail.
            py::str source = py::reinterpret_steal<py::str>(
                PyUnicode_DecodeUTF8(job.source.constData(), job.source.size(), "replace"));
            if (!source)
                throw py::error_already_set();
            py::str fileName = py::reinterpret_steal<py::str>(
                PyUnicode_DecodeUTF8(job.fileName.constData(), job.fileName.size(), "replace"));
            if (!fileName)
                throw py::error_already_set();
            const py::object result = (*m_analyze)(source, fileName);
            return factsFromResult(result.cast<py::tuple>());
        } catch (py::error_already_set &error) {
            SourceFacts facts;
            if (error.matches(PyExc_RecursionError) || error.matches(PyExc_MemoryError))
                facts.failure = kNestedMessage;
            else
                facts.failure =
                    QStringLiteral("Python could not read your file (%1)")
                        .arg(QString::fromStdString(error.what()).section(QLatin1Char('\n'), 0, 0));
            return facts;
        } catch (const std::exception &error) {
            SourceFacts facts;
            facts.failure = QStringLiteral("the Python checker failed (%1)")
                                .arg(QString::fromLocal8Bit(error.what()));
            facts.internalError = true;
            return facts;
        }
    }

    std::mutex m_callMutex;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_ready = false;
    bool m_done = false;
    Job *m_job = nullptr;
    QString m_startError;
    py::object *m_analyze = nullptr;
};

} // namespace

} // namespace Unlocked

/** Parses UTF-8 source already checked for size; see PythonAnalyzer::analyze. */
extern "C" Q_DECL_EXPORT void unlockedAnalyzeSource(const QByteArray &utf8, const QString &fileName,
                                                    Unlocked::SourceFacts &facts)
{
    facts = Unlocked::Engine::instance().run(utf8, fileName);
}
