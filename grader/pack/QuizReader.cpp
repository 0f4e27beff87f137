#include "PackReaders.h"

#include <QSet>

namespace Unlocked {

namespace {

const QStringList quizKeys = {QStringLiteral("id"), QStringLiteral("title"),
                              QStringLiteral("questions")};
const QStringList questionKeys = {QStringLiteral("id"), QStringLiteral("prompt"),
                                  QStringLiteral("multiple"), QStringLiteral("answers")};
const QStringList answerKeys = {QStringLiteral("text"), QStringLiteral("correct"),
                                QStringLiteral("explanation")};

std::optional<QuizAnswer> readAnswer(YamlFile &file, const YAML::Node &node, const QString &field)
{
    YamlMap map(file, node, field, QStringLiteral("an answer"), answerKeys);
    if (!map.isValid())
        return std::nullopt;
    QuizAnswer answer;
    answer.text = map.string(QStringLiteral("text"), true).value_or(QString());
    answer.correct = map.boolean(QStringLiteral("correct")).value_or(false);
    const auto explanation = map.string(QStringLiteral("explanation"), false);
    if (!explanation || explanation->trimmed().isEmpty())
        map.missing(QStringLiteral("explanation"),
                    QStringLiteral("missing: every answer needs an explanation, shown after the "
                                   "learner answers"));
    else
        answer.explanation = *explanation;
    return answer;
}

std::optional<QuizQuestion> readQuestion(YamlFile &file, const YAML::Node &node,
                                         const QString &field)
{
    YamlMap map(file, node, field, QStringLiteral("a question"), questionKeys);
    if (!map.isValid())
        return std::nullopt;
    QuizQuestion question;
    if (const auto id = map.string(QStringLiteral("id"), true)) {
        if (isValidId(*id))
            question.id = *id;
        else
            map.error(
                QStringLiteral("id"),
                QStringLiteral("'%1' is not a valid id (letters, digits, '-' and '_')").arg(*id));
    }
    question.prompt = map.string(QStringLiteral("prompt"), true).value_or(QString());
    question.multiple = map.boolean(QStringLiteral("multiple")).value_or(false);

    const auto answers = map.list(QStringLiteral("answers"), true);
    if (!answers)
        return question;
    const QString answersField = map.field(QStringLiteral("answers"));
    if (answers->size() < 2) {
        map.error(QStringLiteral("answers"),
                  QStringLiteral("a question needs at least two answers to choose from"));
        return question;
    }
    bool complete = true;
    for (std::size_t i = 0; i < answers->size(); ++i) {
        if (auto answer = readAnswer(file, (*answers)[i], indexField(answersField, qsizetype(i))))
            question.answers.append(*answer);
        else
            complete = false;
    }
    if (!complete)
        return question;
    const auto correct = std::count_if(question.answers.cbegin(), question.answers.cend(),
                                       [](const QuizAnswer &a) { return a.correct; });
    if (!question.multiple && correct != 1)
        map.error(QStringLiteral("answers"),
                  QStringLiteral("a single-choice question needs exactly one correct answer, "
                                 "this one has %1 (set `multiple: true` to allow several)")
                      .arg(correct));
    else if (question.multiple && correct < 1)
        map.error(QStringLiteral("answers"),
                  QStringLiteral("a multiple-choice question needs at least one correct answer"));
    return question;
}

} // namespace

std::optional<Quiz> readQuiz(const QString &path, const QString &shownName, const Reference &listed,
                             const QString &defaultId, const QString &defaultTitle,
                             PackErrors &errors)
{
    YamlFile file(path, errors);
    if (!file.load(shownName, listed.at, listed.field))
        return std::nullopt;
    YamlMap map(file, file.root(), {}, QStringLiteral("a quiz"), quizKeys);
    if (!map.isValid())
        return std::nullopt;
    Quiz quiz;
    quiz.where = map.at();
    quiz.id = map.string(QStringLiteral("id"), false).value_or(defaultId);
    if (!isValidId(quiz.id))
        map.error(
            QStringLiteral("id"),
            QStringLiteral("'%1' is not a valid id (letters, digits, '-' and '_')").arg(quiz.id));
    quiz.title = map.string(QStringLiteral("title"), false).value_or(defaultTitle);

    const auto questions = map.list(QStringLiteral("questions"), true);
    if (!questions)
        return quiz;
    if (questions->size() == 0) {
        map.error(QStringLiteral("questions"),
                  QStringLiteral("a quiz needs at least one question"));
        return quiz;
    }
    QSet<QString> ids;
    for (std::size_t i = 0; i < questions->size(); ++i) {
        const QString field = indexField(QStringLiteral("questions"), qsizetype(i));
        auto question = readQuestion(file, (*questions)[i], field);
        if (!question)
            continue;
        if (!question->id.isEmpty() && ids.contains(question->id))
            file.error(
                (*questions)[i], joinField(field, QStringLiteral("id")),
                QStringLiteral("question id '%1' is used twice in this quiz").arg(question->id));
        ids.insert(question->id);
        quiz.questions.append(*question);
    }
    return quiz;
}

} // namespace Unlocked
