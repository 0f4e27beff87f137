#pragma once

#include "GradeResult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Unlocked {

/** One graded submission of a batch: who, which task, and the result. */
struct Submission
{
    QString learner;
    QString taskId;
    QString path;
    GradeResult result;
};

namespace ResultFormat {

QJsonObject toJson(const GradeResult &result);
GradeResult fromJson(const QJsonObject &object);
QJsonObject measurementToJson(const Measurement &m);
Measurement measurementFromJson(const QJsonObject &object);

/** A report for a person at a terminal: the verdict, then each check with its reason. */
QString toText(const GradeResult &result);
/** JUnit XML: one <testsuite> per graded file, one <testcase> per check. */
QByteArray toJUnit(const QList<Submission> &submissions);
QByteArray toBatchJson(const QList<Submission> &submissions);
QByteArray toCsv(const QList<Submission> &submissions);

} // namespace ResultFormat
} // namespace Unlocked
