#include "Commands.h"
#include "PackLint.h"

#include <QFile>

namespace Unlocked {

namespace {

// A measurement that decided nothing says nothing about the pack: grade again, as an author
// would, before reporting the reference as inconclusive.
constexpr int kGradingsOfAnUndecidedReference = 3;

QString measuredSummary(const GradeResult &r)
{
    QStringList parts;
    for (const CheckResult &c : r.checks)
        if (c.measurement && c.measurement->pairs > 0)
            parts.append(QStringLiteral("%1 %2x, needs %3x")
                             .arg(c.name)
                             .arg(c.measurement->speedup, 0, 'f', 2)
                             .arg(c.measurement->required, 0, 'f', 2));
    return parts.isEmpty()
               ? QString()
               : QLatin1String(" (") + parts.join(QLatin1String("; ")) + QLatin1Char(')');
}

} // namespace

int ValidateCommand::lint(const Pack &pack, const QString &only)
{
    int problems = 0;
    for (const QString &problem : lintPack(pack)) {
        if (only.isEmpty() || problem.startsWith(only + QLatin1Char(':'))) {
            m_out << "FAIL " << problem << '\n';
            ++problems;
        }
    }
    if (problems > 0) {
        m_out << problems << " problem(s) found without running anything.\n";
        return ExitUsage;
    }
    m_out << "The pack's files and rules are sound (nothing was run: validate without --no-run "
             "proves the references and starters).\n";
    return ExitPassed;
}

void ValidateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("task"), QStringLiteral("Validate only this task."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("no-run"),
                      QStringLiteral("Check only the pack's files and rules, running nothing: "
                                     "fast enough for an editor or a pre-commit hook.")});
    addRunOptions(parser);
    addMeasureOptions(parser);
    parser.addPositionalArgument(
        QStringLiteral("DIR"), QStringLiteral("The pack to prove (default: the built-in course)."),
        QStringLiteral("[DIR]"));
}

int ValidateCommand::run(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1)
        return usageError(QStringLiteral("give at most one pack DIR"));
    const std::optional<Pack> pack = loadPack(args.value(0));
    if (!pack)
        return ExitUsage;
    const QString only = parser.value(QStringLiteral("task"));
    if (!only.isEmpty() && !pack->task(only))
        return usageError(QStringLiteral("no task '%1' in this pack").arg(only));

    int quizzes = 0;
    for (const Lesson &l : pack->lessons)
        quizzes += l.quiz.has_value();
    m_out << pack->title << ": " << pack->lessons.size() << " lessons, " << pack->tasks.size()
          << " tasks, " << quizzes
          << " quizzes load cleanly; unlock rules and quizzes are sound.\n";
    m_out.flush();
    if (parser.isSet(QStringLiteral("no-run")))
        return lint(*pack, only);

    const Grader grader(gradeOptions(parser));
    if (const IsolationSupport ready = grader.readiness(); !ready.available) {
        m_err << "unlocked-cli validate: cannot run the references here: " << ready.reason << '\n';
        return ExitUsage;
    }
    int broken = 0, inconclusive = 0;
    for (const Task &task : pack->tasks) {
        if (!only.isEmpty() && task.id != only)
            continue;
        GradeResult reference = grader.grade(task, task.referencePath);
        QString firstUndecided; // why the first grading decided nothing, in one sentence
        for (const CheckResult &check : reference.checks)
            if (check.verdict == Verdict::Inconclusive && firstUndecided.isEmpty())
                firstUndecided = check.name + QLatin1String(": ") +
                                 (check.headline.isEmpty() ? check.message : check.headline);
        int gradings = 1;
        while (reference.verdict == Verdict::Inconclusive &&
               gradings < kGradingsOfAnUndecidedReference) {
            reference = grader.grade(task, task.referencePath);
            ++gradings;
        }
        QString line =
            QStringLiteral("%1: reference %2%3")
                .arg(task.id, verdictName(reference.verdict), measuredSummary(reference));
        if (gradings > 1)
            line += QStringLiteral(" at grading %1 of %2, the earlier ones inconclusive")
                        .arg(gradings)
                        .arg(kGradingsOfAnUndecidedReference);
        if (gradings > 1 && reference.verdict != Verdict::Inconclusive && !firstUndecided.isEmpty())
            line += QStringLiteral("\n    the first: %1").arg(firstUndecided);
        bool ok = reference.verdict == Verdict::Passed;
        inconclusive += reference.verdict == Verdict::Inconclusive;
        if (reference.verdict != Verdict::Passed)
            line += QStringLiteral("\n    %1")
                        .arg(reference.firstProblem().section(QLatin1Char('\n'), 0, 2));

        const GradeResult starter = grader.grade(task, task.starterPath);
        if (starter.verdict == Verdict::Passed) {
            ok = false;
            line += QStringLiteral("; starter PASSES every check (it must fail at least one)");
        } else {
            line += QStringLiteral("; starter %1 (%2)")
                        .arg(verdictName(starter.verdict),
                             starter.firstProblem().section(QLatin1Char(':'), 0, 0));
        }
        if (!ok && reference.verdict != Verdict::Inconclusive)
            ++broken;
        m_out << (ok                                           ? "ok   "
                  : reference.verdict == Verdict::Inconclusive ? "??   "
                                                               : "FAIL ")
              << line << '\n';
        m_out.flush();
    }
    if (broken > 0) {
        m_out << broken << " task(s) are broken.\n";
        return ExitUsage;
    }
    if (inconclusive > 0) {
        m_out << inconclusive << " reference measurement(s) were inconclusive on this machine.\n";
        return ExitInconclusive;
    }
    m_out << "The pack is valid.\n";
    return ExitPassed;
}

} // namespace Unlocked
