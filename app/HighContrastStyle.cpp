#include "HighContrastStyle.h"

#include "CodeColors.h"

#include <QPainter>
#include <QStyleOption>

#include <optional>

namespace Unlocked {

namespace {

void outline(QPainter *painter, const QStyleOption *option, bool round = false,
             std::optional<QColor> unfocused = std::nullopt)
{
    const bool focused = option->state & QStyle::State_HasFocus;
    const QColor ink = focused ? option->palette.color(QPalette::Highlight)
                               : unfocused.value_or(option->palette.color(QPalette::WindowText));
    const qreal width = focused ? 2.0 : 1.0;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, round);
    painter->setPen(QPen(ink, width));
    painter->setBrush(Qt::NoBrush);
    const QRectF rect = QRectF(option->rect).adjusted(width / 2, width / 2, -width / 2, -width / 2);
    if (round)
        painter->drawEllipse(rect);
    else
        painter->drawRect(rect);
    painter->restore();
}

} // namespace

HighContrastStyle::HighContrastStyle(const QString &baseStyle) : QProxyStyle(baseStyle) {}

void HighContrastStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                                      QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const QPalette &palette = option->palette;
    if (!CodeColors::isHighContrast(palette)) {
        // On a dark window Fusion's box of a check box or radio button is as dark as its fill:
        // outline it in a grey that stands out, as the light theme's box does.
        const bool box = element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton;
        if (box && palette.color(QPalette::Window).lightness() < 128) {
            const QColor text = palette.color(QPalette::WindowText);
            const QColor window = palette.color(QPalette::Window);
            const QColor grey((text.red() * 3 + window.red() * 2) / 5,
                              (text.green() * 3 + window.green() * 2) / 5,
                              (text.blue() * 3 + window.blue() * 2) / 5);
            // Grey when focused too: the dark Highlight is a background for white text, too
            // dark for a line (Fusion marks the focus around the label).
            QStyleOption unfocused(*option);
            unfocused.state &= ~State_HasFocus;
            outline(painter, &unfocused, element == PE_IndicatorRadioButton, grey);
        }
        return;
    }
    switch (element) {
    case PE_PanelButtonCommand:
    case PE_PanelButtonBevel:
    case PE_IndicatorCheckBox:
    case PE_FrameLineEdit:
    case PE_FrameGroupBox:
    case PE_FrameTabWidget:
    case PE_FrameMenu:
    case PE_PanelTipLabel:
        outline(painter, option);
        break;
    case PE_IndicatorRadioButton:
        outline(painter, option, true);
        break;
    case PE_Frame:
        if (option->rect.width() > 4 && option->rect.height() > 4)
            outline(painter, option);
        break;
    default:
        break;
    }
}

void HighContrastStyle::drawControl(ControlElement element, const QStyleOption *option,
                                    QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawControl(element, option, painter, widget);
    if (!CodeColors::isHighContrast(option->palette))
        return;
    if (element == CE_TabBarTabShape) {
        outline(painter, option);
        if (option->state & State_Selected) { // the open tab: a thick bar the eye finds at once
            painter->fillRect(QRect(option->rect.left(), option->rect.bottom() - 3,
                                    option->rect.width(), 4),
                              option->palette.color(QPalette::Highlight));
        }
    } else if (element == CE_ProgressBarGroove) {
        outline(painter, option);
    }
}

} // namespace Unlocked
