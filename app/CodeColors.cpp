#include "CodeColors.h"

namespace Unlocked {

bool CodeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

CodeColors CodeColors::forPalette(const QPalette &palette)
{
    CodeColors c;
    c.text = palette.color(QPalette::Text);
    c.background = palette.color(QPalette::Base);
    if (isDark(palette)) {
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
        c.comment = QColor(0x6a, 0x73, 0x7d);
        c.number = QColor(0x98, 0x4c, 0x00);
        c.builtin = QColor(0x00, 0x5c, 0x80);
        c.definition = QColor(0x00, 0x4d, 0xb3);
        c.error = QColor(0xb0, 0x00, 0x20);
    }
    c.output = c.text;
    return c;
}

} // namespace Unlocked
