#pragma once

#include "Calibration.h"

#include <QString>

#include <optional>

namespace Unlocked {

/**
 * Calibrations kept between gradings, in one small JSON file, so that a re-grade does not pay
 * for sizing the workload again. Keys are opaque: calibrationKey() folds in everything that
 * would change the answer (pack, task, check, baseline, interpreter, machine), so any change
 * of those misses the cache and calibrates afresh. Safe to share between processes.
 */
class CalibrationCache
{
public:
    /** `path` empty: defaultPath(). */
    explicit CalibrationCache(QString path = {});

    /** $UNLOCKED_CACHE_DIR/calibration.json, else the user's cache folder (XDG)/unlocked/. */
    static QString defaultPath();
    /** CPU model, logical CPUs the grader may use and kernel release, as one line. */
    static QString machineDescription();

    const QString &path() const { return m_path; }
    std::optional<Calibration> find(const QString &key) const;
    /** `about` is stored beside the entry for people reading the file. */
    bool store(const QString &key, const Calibration &calibration, const QString &about = {});
    bool remove(const QString &key);

private:
    QString m_path;
};

/** A cache key from the parts that decide a calibration; any change gives another key. */
QString calibrationKey(const QStringList &parts);

} // namespace Unlocked
