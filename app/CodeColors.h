#pragma once

#include <QColor>
#include <QPalette>

namespace Unlocked {

/**
 * Syntax colours chosen against the palette's base colour, so code stays readable in light
 * and dark themes alike. Text and background themselves always come from the palette.
 */
struct CodeColors
{
    QColor text, background, keyword, string, comment, number, builtin, definition, error, output;

    static CodeColors forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
};

} // namespace Unlocked
