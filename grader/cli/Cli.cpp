#include "Commands.h"

#include <memory>
#include <vector>

namespace Unlocked {

int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<GradeCommand>(out, err));
    commands.push_back(std::make_unique<RunCommand>(out, err));
    commands.push_back(std::make_unique<ValidateCommand>(out, err));
    commands.push_back(std::make_unique<ListCommand>(out, err));
    commands.push_back(std::make_unique<BatchCommand>(out, err));
    commands.push_back(std::make_unique<MergeCommand>(out, err));
    commands.push_back(std::make_unique<ScaleCommand>(out, err));

    const QString first = arguments.value(0);
    for (const auto &command : commands)
        if (command->name() == first)
            return command->execute(arguments.mid(1));

    const bool asked = first == QLatin1String("--help") || first == QLatin1String("-h") ||
                       first == QLatin1String("help");
    if (!asked && !first.isEmpty())
        err << "unlocked-cli: unknown command '" << first << "'\n\n";
    QTextStream &stream = asked ? out : err;
    stream
        << "Usage: unlocked-cli COMMAND [options]   (unlocked-cli COMMAND --help for more)\n\n"
           "Grades Python solutions of Unlocked's tasks for correctness and measured speedup.\n\n"
           "Commands:\n";
    for (const auto &command : commands)
        stream << "  " << command->name().leftJustified(10) << command->summary() << '\n';
    stream << "\nExit codes: 0 passed (or valid), 1 failed, 2 usage error, broken pack or grading "
              "error (not the learner's fault), 3 inconclusive.\n";
    stream.flush();
    return asked ? ExitPassed : ExitUsage;
}

} // namespace Unlocked
