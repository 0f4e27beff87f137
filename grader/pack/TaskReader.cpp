#include "PackReaders.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace Unlocked {

namespace {

const QStringList taskKeys = {
    QStringLiteral("id"),      QStringLiteral("title"),     QStringLiteral("kind"),
    QStringLiteral("entry"),   QStringLiteral("file"),      QStringLiteral("statement"),
    QStringLiteral("starter"), QStringLiteral("reference"), QStringLiteral("baseline"),
    QStringLiteral("cases"),   QStringLiteral("required"),  QStringLiteral("hints"),
    QStringLiteral("limits"),  QStringLiteral("checks")};

const QStringList caseKeys = {QStringLiteral("args"), QStringLiteral("expected"),
                              QStringLiteral("visible")};

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(s).hasMatch();
}

/** Reads the task files named by keys of task.yaml, each with a default file name. */
class TaskFiles
{
public:
    TaskFiles(const QString &packDir, Task &task, YamlMap &map)
        : m_packDir(packDir), m_task(task), m_map(map)
    {
    }

    /**
     * The absolute path of the file named by \a key (or \a fallback when the key is absent),
     * after checking that it is readable UTF-8; its text goes to \a text when asked for.
     * An \a optional file that is not named and does not exist yields an empty path.
     */
    QString file(const QString &key, const QString &fallback, bool optional,
                 QString *text = nullptr)
    {
        const bool named = m_map.has(key);
        QString relative = fallback;
        if (named) {
            const auto value = m_map.string(key, true);
            if (!value)
                return {};
            relative = *value;
        }
        const auto path = resolvePackPath(m_packDir, m_task.dir, relative);
        if (!path) {
            m_map.error(
                key, QStringLiteral("'%1' must be a relative path inside the pack").arg(relative));
            return {};
        }
        if (!named && optional && !QFileInfo::exists(*path))
            return {};
        const QString shown = QDir(m_packDir).relativeFilePath(*path);
        // A defaulted file has no line of its own: report it at the top of task.yaml.
        const SourceLocation at = named ? m_map.at(key) : m_map.at();
        const QString field = m_map.field(key);
        const QString missingHint =
            named ? QString() : QStringLiteral(" (the default when `%1:` is not set)").arg(key);
        auto content = readPackText(*path, shown, at, field, m_map.file().errors(), missingHint);
        if (!content)
            return {};
        if (text)
            *text = *content;
        return *path;
    }

private:
    QString m_packDir;
    Task &m_task;
    YamlMap &m_map;
};

QList<TestCase> readCases(const QString &path, const QString &shownName, const Reference &listed,
                          PackErrors &errors)
{
    QList<TestCase> cases;
    YamlFile file(path, errors);
    if (!file.load(shownName, listed.at, listed.field))
        return cases;
    const YAML::Node root = file.root();
    if (!root.IsSequence() || root.size() == 0) {
        file.error(
            root, {},
            root.IsSequence()
                ? QStringLiteral("the list of cases is empty")
                : QStringLiteral("a cases file must be a list of cases (- args: [...]), not %1")
                      .arg(describeNode(root)));
        return cases;
    }
    for (std::size_t i = 0; i < root.size(); ++i) {
        const QString field = indexField(QString(), qsizetype(i));
        YamlMap map(file, root[i], field, QStringLiteral("a case"), caseKeys);
        if (!map.isValid())
            continue;
        TestCase testCase;
        testCase.where = map.at();
        const YAML::Node args = map.value(QStringLiteral("args"));
        if (!map.has(QStringLiteral("args")))
            map.missing(QStringLiteral("args"),
                        QStringLiteral("missing: a case lists the arguments of its call"));
        else if (!args.IsSequence())
            map.error(QStringLiteral("args"),
                      QStringLiteral("must be the list of arguments, not %1 (write [x] for one "
                                     "argument)")
                          .arg(describeNode(args)));
        else
            testCase.args = map.json(QStringLiteral("args")).value_or(QJsonValue()).toArray();
        if (map.has(QStringLiteral("expected")))
            testCase.expected = map.json(QStringLiteral("expected"));
        testCase.visible = map.boolean(QStringLiteral("visible")).value_or(false);
        cases.append(testCase);
    }
    return cases;
}

void readKindAndEntry(YamlMap &map, Task &task)
{
    if (const auto kind = map.string(QStringLiteral("kind"), true)) {
        if (*kind == QLatin1String("function"))
            task.kind = TaskKind::Function;
        else if (*kind == QLatin1String("program"))
            task.kind = TaskKind::Program;
        else
            map.error(
                QStringLiteral("kind"),
                QStringLiteral("unknown task kind '%1' (use function or program)").arg(*kind));
    }
    if (task.kind == TaskKind::Function) {
        const auto entry = map.string(QStringLiteral("entry"), false);
        const bool wrongType = map.has(QStringLiteral("entry")) && !entry &&
                               !map.value(QStringLiteral("entry")).IsNull();
        if (wrongType)
            return; // reported by string()
        if (!entry || entry->trimmed().isEmpty())
            map.missing(QStringLiteral("entry"),
                        QStringLiteral("missing: a function task names the function the learner "
                                       "writes"));
        else if (!isIdentifier(*entry))
            map.error(QStringLiteral("entry"),
                      QStringLiteral("'%1' is not a Python function name").arg(*entry));
        else
            task.entry = *entry;
    } else if (map.has(QStringLiteral("entry"))) {
        map.error(QStringLiteral("entry"),
                  QStringLiteral("a program task has no entry function (it runs as __main__)"));
    }
}

void readSolutionFile(YamlMap &map, Task &task)
{
    task.solutionFile = QStringLiteral("solution.py");
    const auto file = map.string(QStringLiteral("file"), false);
    if (!file)
        return;
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\.(py|pyx)$"));
    if (!re.match(*file).hasMatch()) {
        map.error(QStringLiteral("file"),
                  QStringLiteral("'%1' must be a module file name ending in .py or .pyx, "
                                 "e.g. solution.py")
                      .arg(*file));
        return;
    }
    task.solutionFile = *file;
}

} // namespace

std::optional<Task> readTask(const QString &packDir, const QString &id, const Reference &listed,
                             InconclusivePolicy inconclusive, PackErrors &errors)
{
    Task task;
    task.id = id;
    task.dir = packDir + QStringLiteral("/tasks/") + id;
    if (!QFileInfo(task.dir).isDir()) {
        errors.add(listed.at, listed.field,
                   QStringLiteral("task '%1' has no folder tasks/%1").arg(id));
        return std::nullopt;
    }
    YamlFile file(task.dir + QStringLiteral("/task.yaml"), errors);
    if (!file.load(QStringLiteral("tasks/%1/task.yaml").arg(id), listed.at, listed.field))
        return std::nullopt;
    YamlMap map(file, file.root(), {}, QStringLiteral("task.yaml"), taskKeys);
    if (!map.isValid())
        return std::nullopt;
    task.where = map.at();

    if (const auto ownId = map.string(QStringLiteral("id"), false); ownId && *ownId != id)
        map.error(QStringLiteral("id"),
                  QStringLiteral("'%1' differs from the folder name '%2'; a task's id is its "
                                 "folder name")
                      .arg(*ownId, id));
    task.title = map.string(QStringLiteral("title"), true).value_or(QString());
    readKindAndEntry(map, task);
    readSolutionFile(map, task);
    task.required = map.boolean(QStringLiteral("required")).value_or(true);
    task.hints = map.stringList(QStringLiteral("hints"), false).value_or(QStringList());

    const QString ext = task.solutionFile.section(QLatin1Char('.'), -1);
    TaskFiles files(packDir, task, map);
    files.file(QStringLiteral("statement"), QStringLiteral("statement.md"), false, &task.statement);
    task.starterPath =
        files.file(QStringLiteral("starter"), QStringLiteral("starter.") + ext, false);
    task.referencePath =
        files.file(QStringLiteral("reference"), QStringLiteral("reference.") + ext, false);
    // The baseline is timed by the host interpreter, so it is plain Python even for Cython tasks.
    task.baselinePath = files.file(QStringLiteral("baseline"), QStringLiteral("baseline.py"), true);

    // A stray cases.yaml beside a program task is not read; a named one is an error below.
    const bool wantsCases = task.kind == TaskKind::Function || map.has(QStringLiteral("cases"));
    const QString casesPath =
        wantsCases ? files.file(QStringLiteral("cases"), QStringLiteral("cases.yaml"), true)
                   : QString();
    if (!casesPath.isEmpty()) {
        if (task.kind == TaskKind::Program)
            map.error(QStringLiteral("cases"),
                      QStringLiteral("a program task has no hidden cases (only function tasks "
                                     "are called with arguments)"));
        else
            task.cases = readCases(
                casesPath, QStringLiteral("tasks/%1/cases.yaml").arg(id),
                {map.at(QStringLiteral("cases")), map.field(QStringLiteral("cases"))}, errors);
    }

    if (map.has(QStringLiteral("limits")))
        readLimits(file, map.value(QStringLiteral("limits")), task.limits);
    if (const auto checks = map.list(QStringLiteral("checks"), true)) {
        if (checks->size() == 0)
            map.error(QStringLiteral("checks"),
                      QStringLiteral("a task needs at least one check to be graded"));
        else
            task.checks = readChecks(file, *checks, task, map, inconclusive);
    }
    return task;
}

} // namespace Unlocked
