#include "ThemePalettes.h"

#include <QStyle>
#include <QStyleFactory>

#include <memory>

namespace Unlocked::ThemePalettes {

namespace {

struct Surfaces
{
    QColor window, text, base, alternateBase, button, placeholder, highlight, highlightedText,
        link, linkVisited, light, mid, dark, disabledText;
};

QPalette make(const Surfaces &s)
{
    QPalette p;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, s.window);
        p.setColor(group, QPalette::WindowText, s.text);
        p.setColor(group, QPalette::Base, s.base);
        p.setColor(group, QPalette::AlternateBase, s.alternateBase);
        p.setColor(group, QPalette::ToolTipBase, s.base);
        p.setColor(group, QPalette::ToolTipText, s.text);
        p.setColor(group, QPalette::PlaceholderText, s.placeholder);
        p.setColor(group, QPalette::Text, s.text);
        p.setColor(group, QPalette::Button, s.button);
        p.setColor(group, QPalette::ButtonText, s.text);
        p.setColor(group, QPalette::BrightText, s.highlight);
        p.setColor(group, QPalette::Light, s.light);
        p.setColor(group, QPalette::Midlight, s.mid);
        p.setColor(group, QPalette::Mid, s.mid);
        p.setColor(group, QPalette::Dark, s.dark);
        p.setColor(group, QPalette::Shadow, s.dark);
        p.setColor(group, QPalette::Highlight, s.highlight);
        p.setColor(group, QPalette::HighlightedText, s.highlightedText);
        p.setColor(group, QPalette::Link, s.link);
        p.setColor(group, QPalette::LinkVisited, s.linkVisited);
    }
    p.setColor(QPalette::Disabled, QPalette::Window, s.window);
    p.setColor(QPalette::Disabled, QPalette::Base, s.window);
    p.setColor(QPalette::Disabled, QPalette::Button, s.button);
    p.setColor(QPalette::Disabled, QPalette::AlternateBase, s.alternateBase);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text,
                                           QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, s.disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, s.mid);
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, s.text);
    for (const QPalette::ColorRole role :
         {QPalette::Light, QPalette::Midlight, QPalette::Mid, QPalette::Dark, QPalette::Shadow,
          QPalette::ToolTipBase, QPalette::ToolTipText, QPalette::Link, QPalette::LinkVisited})
        p.setColor(QPalette::Disabled, role, p.color(QPalette::Active, role));
    return p;
}

} // namespace

QPalette light()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = fusion->standardPalette();
    p.setColor(QPalette::Link, QColor(0x0b, 0x57, 0xd0));
    p.setColor(QPalette::LinkVisited, QColor(0x6f, 0x2d, 0xa8));
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6b, 0x6b));
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
        p.setColor(group, QPalette::Highlight, QColor(0x1f, 0x62, 0xa8)); // white text: 6:1
    return p;
}

QPalette dark()
{
    return make({QColor(0x2d, 0x2d, 0x30), QColor(0xe8, 0xe8, 0xe8), QColor(0x1e, 0x1e, 0x1e),
                 QColor(0x2b, 0x2b, 0x30), QColor(0x3a, 0x3a, 0x3e), QColor(0xa8, 0xa8, 0xa8),
                 QColor(0x2f, 0x6f, 0xbf), QColor(0xff, 0xff, 0xff), QColor(0x6c, 0xb6, 0xff),
                 QColor(0xc4, 0x9b, 0xff), QColor(0x55, 0x55, 0x5a), QColor(0x4a, 0x4a, 0x4f),
                 QColor(0x18, 0x18, 0x1a), QColor(0x80, 0x80, 0x80)});
}

QPalette highContrast()
{
    const QColor black(0, 0, 0), white(0xff, 0xff, 0xff);
    return make({black, white, black, QColor(0x1a, 0x1a, 0x1a), black, QColor(0xe0, 0xe0, 0xe0),
                 QColor(0xff, 0xff, 0x00), black, QColor(0x00, 0xff, 0xff),
                 QColor(0xff, 0x80, 0xff), white, white, white, QColor(0xa0, 0xa0, 0xa0)});
}

} // namespace Unlocked::ThemePalettes
