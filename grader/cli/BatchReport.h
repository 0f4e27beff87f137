#pragma once

#include "ShardSource.h"
#include "pack/Pack.h"
#include "result/ResultFormat.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Unlocked {

/** What a batch report records about the pack it was graded against. */
struct PackStamp
{
    QString id;
    QString version; // course.yaml's `version:`, often empty
    QString digest;  // of every file the pack is made of: two checkouts that differ, differ here

    static PackStamp of(const Pack &pack);
};

/**
 * A batch's results with what `merge` needs to put shards back together: the pack, the whole
 * class the shard was cut from (its size and a digest of its listing), and each submission's
 * position in that class.
 */
struct BatchReport
{
    PackStamp pack;
    int classSize = 0;
    QString classDigest;
    Shard shard;
    QList<Submission> submissions;
    QList<int> positions; // one per submission, 0-based, in the unsharded order

    /** The digest of a class listing (`learner/file` names in batch's order). */
    static QString digestOf(const QStringList &listing);
};

/** The report formats of `batch` and `merge`: one writer for both. */
namespace BatchFormats {

QStringList names();
/** \a format must be one of names(). */
QByteArray render(const QString &format, const BatchReport &report);

} // namespace BatchFormats
} // namespace Unlocked
