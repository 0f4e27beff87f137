#include "Commands.h"

namespace Unlocked {

void ListCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
}

int ListCommand::run(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("list takes no arguments"));
    const std::optional<Pack> pack = loadPack(parser.value(QStringLiteral("pack")));
    if (!pack)
        return ExitUsage;
    m_out << pack->title << " (" << pack->dir << ")\n";
    int number = 0;
    for (const Lesson &lesson : pack->lessons) {
        m_out << '\n' << ++number << ". " << lesson.title << "  [" << lesson.id << "]\n";
        for (const QString &id : lesson.taskIds) {
            const Task *task = pack->task(id);
            m_out << "   task  " << id.leftJustified(26) << (task ? task->title : QString())
                  << (task && !task->required ? QStringLiteral(" (optional)") : QString()) << '\n';
        }
        if (lesson.quiz)
            m_out << "   quiz  " << lesson.quiz->title << " (" << lesson.quiz->questions.size()
                  << " questions)\n";
    }
    return ExitPassed;
}

} // namespace Unlocked
