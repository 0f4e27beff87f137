#pragma once

#include <QColor>
#include <QPalette>

namespace Unlocked {

/**
 * Syntax colours chosen against the palette's base colour, so code stays readable in light,
 * dark and high-contrast themes alike (each at least 4.5:1 against the code's background).
 * Text and background themselves always come from the palette.
 */
struct CodeColors
{
    QColor text, background, keyword, string, comment, number, builtin, definition, error, output;

    static CodeColors forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    /** Near-white text on near-black: a high-contrast theme, the app's own or the system's. */
    static bool isHighContrast(const QPalette &palette);
    /** The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white). */
    static double contrast(const QColor &a, const QColor &b);
};

} // namespace Unlocked
