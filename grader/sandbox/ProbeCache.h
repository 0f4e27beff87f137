#pragma once

#include "Internal.h"

#include <QByteArray>
#include <QString>

namespace Unlocked::ProbeCache {

/**
 * Remembers across processes that a costly check of this machine passed (the trial sandbox of
 * the isolation probe), under a key made of everything that would change its answer. Only
 * passes are kept, so a failure is always checked afresh; UNLOCKED_RECHECK=1 ignores what is
 * kept. The files live in Paths::cacheDir().
 */
bool passed(const QString &check, const QByteArray &key);
void rememberPass(const QString &check, const QByteArray &key);
void forget(const QString &check);

/** What identifies this boot, kernel and user: a key part for checks of the machine itself. */
QByteArray machineKey();
/** Path, size and modification time of a file: a key part that changes when it is replaced. */
QByteArray fileKey(const QString &path);

} // namespace Unlocked::ProbeCache
