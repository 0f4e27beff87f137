#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>

class QMenu;

namespace Unlocked {

/**
 * How the whole app looks, one choice kept in QSettings: the colour theme (the system's palette,
 * light, dark or high contrast) and the size of code, which the editor, the output and the
 * lessons' code blocks share. Ctrl+wheel over any of them changes that one size too.
 */
class Appearance : public QObject
{
    Q_OBJECT
public:
    enum class Theme
    {
        System,
        Light,
        Dark,
        HighContrast
    };
    Q_ENUM(Theme)

    /** The application's one instance, made (and the saved choice applied) on first use. */
    static Appearance *instance();

    Theme theme() const { return m_theme; }
    void setTheme(Theme theme);
    /** The palette of \a theme; System is the palette the application started with. */
    QPalette palette(Theme theme) const;

    /** The system's fixed-pitch font, zoomed by zoomSteps() points. */
    QFont codeFont() const;
    int zoomSteps() const { return m_zoom; }
    void zoomIn() { setZoom(m_zoom + 1); }
    void zoomOut() { setZoom(m_zoom - 1); }
    void resetZoom() { setZoom(0); }

    /** Adds the theme choice and the code size actions (Ctrl+plus, Ctrl+minus, Ctrl+0). */
    void addViewActions(QMenu *menu);

Q_SIGNALS:
    void themeChanged(Unlocked::Appearance::Theme theme);
    void codeFontChanged(const QFont &font);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Appearance();
    void setZoom(int steps);

    QPalette m_systemPalette;
    QString m_systemStyle;
    Theme m_theme = Theme::System;
    int m_zoom = 0;
    int m_wheel = 0; // wheel travel not yet turned into a zoom step
};

} // namespace Unlocked
