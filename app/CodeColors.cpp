#include "CodeColors.h"

#include <cmath>

namespace Unlocked {

namespace {

double luminance(const QColor &color)
{
    auto channel = [](double c) {
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}

} // namespace

double CodeColors::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

bool CodeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

bool CodeColors::isHighContrast(const QPalette &palette)
{
    return isDark(palette) &&
           contrast(palette.color(QPalette::Text), palette.color(QPalette::Base)) >= 18;
}

CodeColors CodeColors::forPalette(const QPalette &palette)
{
    CodeColors c;
    c.text = palette.color(QPalette::Text);
    c.background = palette.color(QPalette::Base);
    if (isHighContrast(palette)) {
        c.keyword = QColor(0xff, 0xd7, 0x00);
        c.string = QColor(0x7c, 0xfc, 0x00);
        c.comment = QColor(0xb0, 0xc4, 0xde);
        c.number = QColor(0xff, 0xa0, 0x7a);
        c.builtin = QColor(0x00, 0xff, 0xff);
        c.definition = QColor(0x87, 0xce, 0xfa);
        c.error = QColor(0xff, 0x80, 0x80);
    } else if (isDark(palette)) {
        c.keyword = QColor(0xc6, 0x78, 0xdd);
        c.string = QColor(0x98, 0xc3, 0x79);
        c.comment = QColor(0x8b, 0x94, 0x9e);
        c.number = QColor(0xd1, 0x9a, 0x66);
        c.builtin = QColor(0x56, 0xb6, 0xc2);
        c.definition = QColor(0x61, 0xaf, 0xef);
        c.error = QColor(0xff, 0x7b, 0x72);
    } else {
        c.keyword = QColor(0x8b, 0x00, 0x8b);
        c.string = QColor(0x0a, 0x6e, 0x0a);
        c.comment = QColor(0x5f, 0x68, 0x70);
        c.number = QColor(0x98, 0x4c, 0x00);
        c.builtin = QColor(0x00, 0x5c, 0x80);
        c.definition = QColor(0x00, 0x4d, 0xb3);
        c.error = QColor(0xb0, 0x00, 0x20);
    }
    c.output = c.text;
    return c;
}

} // namespace Unlocked
