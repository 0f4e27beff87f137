#pragma once

#include <QProxyStyle>

namespace Unlocked {

/**
 * Draws the outlines a high-contrast palette needs: styles such as Fusion shade their frames
 * from the window colour, which leaves buttons, check boxes and fields invisible on black. On a
 * dark palette it outlines check boxes and radio buttons only; on a light one it draws exactly
 * what the style beneath it draws.
 */
class HighContrastStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit HighContrastStyle(const QString &baseStyle);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget = nullptr) const override;
};

} // namespace Unlocked
