#pragma once

#include "Internal.h"

#include "YamlReader.h"

// Private to the pack loader: the readers of each kind of pack file.
namespace Unlocked {

/** Where a file was named, so that a missing file is reported at the line that named it. */
struct Reference
{
    SourceLocation at;
    QString field;
};

/**
 * Reads tasks/<id>/task.yaml (with its cases.yaml) and checks every file it names. Nothing
 * when the task folder or task.yaml cannot be read; other problems go to \a errors.
 */
std::optional<Task> readTask(const QString &packDir, const QString &id, const Reference &listed,
                             InconclusivePolicy inconclusive, PackErrors &errors);

/** The `limits:` mapping of a task.yaml, over the defaults in \a limits. */
void readLimits(YamlFile &file, const YAML::Node &node, Limits &limits);

/**
 * The `checks:` list of a task.yaml. \a task (read so far) and \a taskMap tell which files the
 * task has, since a check may need hidden cases or a baseline. A measured check without an
 * `inconclusive:` of its own takes \a inconclusive, the course's default.
 */
QList<CheckSpec> readChecks(YamlFile &file, const YAML::Node &list, const Task &task,
                            const YamlMap &taskMap, InconclusivePolicy inconclusive);

/** An `inconclusive:` value of \a map, or nothing (reported) when it is not one of the policies. */
std::optional<InconclusivePolicy> readInconclusive(YamlMap &map);

/** A lesson's quiz file; the id and title default to the lesson's. */
std::optional<Quiz> readQuiz(const QString &path, const QString &shownName, const Reference &listed,
                             const QString &defaultId, const QString &defaultTitle,
                             PackErrors &errors);

} // namespace Unlocked
