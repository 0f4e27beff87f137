#pragma once

#include "result/GradeResult.h"

#include <QWidget>

namespace Unlocked {

/** Bars of each measured check's speedup (with its confidence bound) beside the required one. */
class SpeedupChart : public QWidget
{
    Q_OBJECT
public:
    explicit SpeedupChart(QWidget *parent = nullptr);

    /** Returns whether \a result had any measured check to show. */
    bool showResult(const GradeResult &result);
};

} // namespace Unlocked
