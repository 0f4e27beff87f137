#include "Appearance.h"

#include "HighContrastStyle.h"
#include "ThemePalettes.h"

#include <Qsci/qsciscintillabase.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFontDatabase>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStyle>
#include <QTextEdit>
#include <QWheelEvent>

namespace Unlocked {

namespace {

const QString ThemeKey = QStringLiteral("view/theme");
const QString ZoomKey = QStringLiteral("view/codeZoom");
constexpr int MinZoom = -4;
constexpr int MaxZoom = 16;

struct ThemeName
{
    Appearance::Theme theme;
    const char *key;
    const char *label;
};
constexpr ThemeName themeNames[] = {
    {Appearance::Theme::System, "system", QT_TRANSLATE_NOOP("Unlocked::Appearance", "&System")},
    {Appearance::Theme::Light, "light", QT_TRANSLATE_NOOP("Unlocked::Appearance", "&Light")},
    {Appearance::Theme::Dark, "dark", QT_TRANSLATE_NOOP("Unlocked::Appearance", "&Dark")},
    {Appearance::Theme::HighContrast, "high-contrast",
     QT_TRANSLATE_NOOP("Unlocked::Appearance", "&High contrast")},
};

// The views whose text is code: Ctrl+wheel over them sizes code, not just that one view.
bool isCodeView(QObject *object)
{
    for (QObject *o = object; o; o = o->parent()) {
        if (qobject_cast<QsciScintillaBase *>(o) || qobject_cast<QTextEdit *>(o) ||
            qobject_cast<QPlainTextEdit *>(o))
            return true;
        if (o->isWidgetType() && static_cast<QWidget *>(o)->isWindow())
            return false;
    }
    return false;
}

} // namespace

Appearance *Appearance::instance()
{
    static Appearance *appearance = nullptr;
    if (!appearance) {
        appearance = new Appearance;
        appearance->setParent(qApp);
    }
    return appearance;
}

Appearance::Appearance()
    : m_systemPalette(QApplication::palette()), m_systemStyle(QApplication::style()->name())
{
    QSettings settings;
    const QString key = settings.value(ThemeKey).toString();
    for (const ThemeName &name : themeNames)
        if (key == QLatin1String(name.key))
            setTheme(name.theme);
    m_zoom = qBound(MinZoom, settings.value(ZoomKey, 0).toInt(), MaxZoom);
    qApp->installEventFilter(this);
}

QPalette Appearance::palette(Theme theme) const
{
    switch (theme) {
    case Theme::System:
        break;
    case Theme::Light:
        return ThemePalettes::light();
    case Theme::Dark:
        return ThemePalettes::dark();
    case Theme::HighContrast:
        return ThemePalettes::highContrast();
    }
    return m_systemPalette;
}

void Appearance::setTheme(Theme theme)
{
    // Outlines for high contrast and dark come from a style of ours; once it is in, it stays (it
    // draws nothing of its own under a light palette), so that no later switch rebuilds every
    // widget.
    const bool outlined = theme == Theme::HighContrast || theme == Theme::Dark;
    if (outlined && !qobject_cast<HighContrastStyle *>(QApplication::style()))
        QApplication::setStyle(new HighContrastStyle(m_systemStyle));
    // The system's own palette is left alone until another theme has replaced it, so that the
    // platform may still change it.
    if (theme != Theme::System || m_theme != Theme::System)
        QApplication::setPalette(palette(theme));
    const bool changed = theme != m_theme;
    m_theme = theme;
    for (const ThemeName &name : themeNames)
        if (name.theme == theme)
            QSettings().setValue(ThemeKey, QLatin1String(name.key));
    if (changed)
        Q_EMIT themeChanged(theme);
}

QFont Appearance::codeFont() const
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(qMax(6.0, font.pointSizeF() + m_zoom));
    return font;
}

void Appearance::setZoom(int steps)
{
    steps = qBound(MinZoom, steps, MaxZoom);
    if (steps == m_zoom)
        return;
    m_zoom = steps;
    QSettings().setValue(ZoomKey, m_zoom);
    Q_EMIT codeFontChanged(codeFont());
}

void Appearance::addViewActions(QMenu *menu)
{
    QMenu *themes = menu->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(themes);
    for (const ThemeName &name : themeNames) {
        QAction *action = themes->addAction(tr(name.label));
        action->setCheckable(true);
        action->setChecked(name.theme == m_theme);
        action->setStatusTip(name.theme == Theme::System
                                 ? tr("Use the colours of your desktop")
                                 : tr("Use the %1 colours")
                                       .arg(tr(name.label).remove(QLatin1Char('&')).toLower()));
        group->addAction(action);
        const Theme theme = name.theme;
        connect(action, &QAction::triggered, this, [this, theme] { setTheme(theme); });
        connect(this, &Appearance::themeChanged, action,
                [action, theme](Theme now) { action->setChecked(now == theme); });
    }
    QAction *bigger = menu->addAction(tr("&Larger code"), this, &Appearance::zoomIn);
    bigger->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    bigger->setStatusTip(tr("Larger text in the editor, the output and the lessons' code"));
    QAction *smaller = menu->addAction(tr("&Smaller code"), this, &Appearance::zoomOut);
    smaller->setShortcut(QKeySequence::ZoomOut);
    smaller->setStatusTip(tr("Smaller text in the editor, the output and the lessons' code"));
    QAction *normal = menu->addAction(tr("&Normal code size"), this, &Appearance::resetZoom);
    normal->setShortcut(QKeySequence(tr("Ctrl+0")));
    normal->setStatusTip(tr("The code text size of your desktop's fixed-width font"));
}

bool Appearance::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    auto *wheel = static_cast<QWheelEvent *>(event);
    if (!(wheel->modifiers() & Qt::ControlModifier) || !isCodeView(watched))
        return false;
    m_wheel += wheel->angleDelta().y();
    for (; m_wheel >= QWheelEvent::DefaultDeltasPerStep; m_wheel -= QWheelEvent::DefaultDeltasPerStep)
        zoomIn();
    for (; m_wheel <= -QWheelEvent::DefaultDeltasPerStep;
         m_wheel += QWheelEvent::DefaultDeltasPerStep)
        zoomOut();
    return true;
}

} // namespace Unlocked
