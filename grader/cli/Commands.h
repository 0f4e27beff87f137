#pragma once

#include "Command.h"

namespace Unlocked {

class GradeCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("grade"); }
    QString summary() const override { return QStringLiteral("Grade one solution of one task."); }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

struct Timeline;

class RunCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override
    {
        return QStringLiteral("Run a Python file in the sandbox and stream its output.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    bool writeTimeline(const Timeline &timeline, const QString &path);
};

class ValidateCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("validate"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Prove a pack: it loads, every reference passes, every starter fails.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    int lint(const Pack &pack, const QString &only);
};

class ListCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override
    {
        return QStringLiteral("List a pack's lessons, tasks and quizzes.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class BatchCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("batch"); }
    QString summary() const override
    {
        return QStringLiteral("Grade a class: DIR/<learner>/<task-id>.py (or .pyx), optionally one "
                              "shard of it.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class MergeCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("merge"); }
    QString summary() const override
    {
        return QStringLiteral("Combine the shards' JSON reports of batch into one report.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class ScaleCommand : public Command
{
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("scale"); }
    QString summary() const override
    {
        return QStringLiteral("Time a solution on 1, 2, ... cores: speedup by cores and the "
                              "serial fraction Amdahl's law fits to it.");
    }

protected:
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace Unlocked
