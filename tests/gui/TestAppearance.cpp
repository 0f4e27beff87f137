#include "Appearance.h"
#include "CodeColors.h"
#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "SpeedupChart.h"
#include "TaskView.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qscilexerpython.h>

#include <QAction>
#include <QCheckBox>
#include <QRadioButton>
#include <QStyleOption>
#include <QVBoxLayout>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>

using namespace Unlocked;


// The theme chosen in the View menu colours every view: the window, the code editor's lexer,
// the output console (errors included) and the lessons' code blocks; it is kept for next time.
class TestAppearance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void syntaxColoursAreReadable_data();
    void syntaxColoursAreReadable();
    void themeColoursEveryView_data();
    void themeColoursEveryView();
    void speedupChartFollowsTheTheme_data();
    void checkBoxesStandOut_data();
    void checkBoxesStandOut();
    void speedupChartFollowsTheTheme();
    void viewMenuChoosesAndKeepsTheTheme();
    void systemThemeIsTheStartingPalette();

private:
    std::unique_ptr<MainWindow> makeWindow();
    static void addThemeRows();
    QTemporaryDir m_home;
    QPalette m_startPalette;
    int m_round = 0;
};

void TestAppearance::initTestCase()
{
    isolateGuiTest(m_home);
    m_startPalette = QApplication::palette();
}

void TestAppearance::init()
{
    QSettings().clear();
    Appearance::instance()->setTheme(Appearance::Theme::System);
}

std::unique_ptr<MainWindow> TestAppearance::makeWindow()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = true;
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestAppearance::addThemeRows()
{
    QTest::addColumn<Appearance::Theme>("theme");
    QTest::addRow("light") << Appearance::Theme::Light;
    QTest::addRow("dark") << Appearance::Theme::Dark;
    QTest::addRow("high contrast") << Appearance::Theme::HighContrast;
}

void TestAppearance::syntaxColoursAreReadable_data()
{
    addThemeRows();
}

// WCAG AA for normal text: 4.5:1, on the editor's background and on a lesson's code block.
void TestAppearance::syntaxColoursAreReadable()
{
    QFETCH(Appearance::Theme, theme);
    const QPalette palette = Appearance::instance()->palette(theme);
    const CodeColors c = CodeColors::forPalette(palette);
    QCOMPARE(CodeColors::isHighContrast(palette), theme == Appearance::Theme::HighContrast);
    for (const QColor &surface :
         {palette.color(QPalette::Base), palette.color(QPalette::AlternateBase)}) {
        for (const QColor &ink : {c.text, c.keyword, c.string, c.comment, c.number, c.builtin,
                                  c.definition, c.error}) {
            QVERIFY2(CodeColors::contrast(ink, surface) >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2: %3:1")
                                    .arg(ink.name(), surface.name())
                                    .arg(CodeColors::contrast(ink, surface))));
        }
    }
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::PlaceholderText})
        QVERIFY(CodeColors::contrast(palette.color(role), palette.color(QPalette::Base)) >= 4.5);
    QVERIFY(CodeColors::contrast(palette.color(QPalette::Link), palette.color(QPalette::Base)) >=
            4.5);
    QVERIFY(CodeColors::contrast(palette.color(QPalette::HighlightedText),
                                 palette.color(QPalette::Highlight)) >= 4.5);
    QVERIFY(CodeColors::contrast(palette.color(QPalette::WindowText),
                                 palette.color(QPalette::Window)) >= 4.5);
}

void TestAppearance::themeColoursEveryView_data()
{
    addThemeRows();
}

void TestAppearance::themeColoursEveryView()
{
    QFETCH(Appearance::Theme, theme);
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    // Some output of each kind, written under the system theme: switching must recolour it.
    task->editor()->setText(
        QStringLiteral("import sys\nprint('plain words')\nprint('an error', file=sys.stderr)\n"));
    task->run();
    QVERIFY(QTest::qWaitFor([task] { return !task->output()->isRunning(); }, 20000));
    QTRY_VERIFY(task->output()->text().contains(QLatin1String("an error")));

    Appearance::instance()->setTheme(theme);
    const QPalette palette = Appearance::instance()->palette(theme);
    const CodeColors colors = CodeColors::forPalette(palette);
    QCOMPARE(QApplication::palette().color(QPalette::Base), palette.color(QPalette::Base));
    QTRY_COMPARE(window->palette().color(QPalette::Window), palette.color(QPalette::Window));

    // The editor: QScintilla's lexer keeps colours of its own, set from the theme.
    QsciLexer *lexer = task->editor()->lexer();
    QCOMPARE(lexer->paper(QsciLexerPython::Default), palette.color(QPalette::Base));
    QCOMPARE(lexer->color(QsciLexerPython::Default), palette.color(QPalette::Text));
    QCOMPARE(lexer->color(QsciLexerPython::Keyword), colors.keyword);
    QCOMPARE(lexer->color(QsciLexerPython::Comment), colors.comment);

    // The console: plain output in the theme's text colour, errors in its error colour.
    auto *console = task->output()->findChild<QPlainTextEdit *>();
    QVERIFY(console);
    QCOMPARE(console->palette().color(QPalette::Base), palette.color(QPalette::Base));
    QCOMPARE(console->palette().color(QPalette::Text), palette.color(QPalette::Text));
    bool sawPlain = false, sawError = false;
    for (QTextBlock b = console->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (it.fragment().text().contains(QLatin1String("plain words"))) {
                sawPlain = true;
                QVERIFY(!format.hasProperty(QTextFormat::ForegroundBrush) ||
                        format.foreground().color() == palette.color(QPalette::Text));
            } else if (it.fragment().text().contains(QLatin1String("an error"))) {
                sawError = true;
                QCOMPARE(format.foreground().color(), colors.error);
            }
        }
    }
    QVERIFY(sawPlain);
    QVERIFY(sawError);
    QCOMPARE(task->results()->palette().color(QPalette::Base), palette.color(QPalette::Base));
    QCOMPARE(task->results()->palette().color(QPalette::Text), palette.color(QPalette::Text));

    // A lesson's code block: shaded from the theme, its keywords in the theme's colour.
    window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    MarkdownView *reader = window->lessonView()->reader();
    bool sawCode = false;
    for (QTextBlock b = reader->document()->begin(); b.isValid(); b = b.next()) {
        if (b.text() != QLatin1String("def work(n):"))
            continue;
        sawCode = true;
        QCOMPARE(b.blockFormat().background().color(), palette.color(QPalette::AlternateBase));
        const auto formats = b.layout()->formats();
        QVERIFY(!formats.isEmpty());
        QCOMPARE(formats.first().start, 0); // `def`
        QCOMPARE(formats.first().format.foreground().color(), colors.keyword);
    }
    QVERIFY(sawCode);
    QCOMPARE(reader->palette().color(QPalette::Base), palette.color(QPalette::Base));
}

void TestAppearance::speedupChartFollowsTheTheme_data()
{
    addThemeRows();
}

// A chart drawn under one theme takes the new one's colours while it stays on screen.
void TestAppearance::speedupChartFollowsTheTheme()
{
    QFETCH(Appearance::Theme, theme);
    Appearance::instance()->setTheme(theme == Appearance::Theme::Dark ? Appearance::Theme::Light
                                                                      : Appearance::Theme::Dark);
    SpeedupChart chart;
    chart.resize(600, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    CheckResult check;
    check.name = QStringLiteral("Faster on several cores");
    check.kind = CheckKind::ParallelSpeedup;
    check.verdict = Verdict::Passed;
    Measurement m;
    m.pairs = 3;
    m.samples = {1.7, 1.8, 1.9};
    m.speedup = 1.8;
    m.speedupLow = 1.6;
    m.speedupHigh = 2.0;
    m.required = 1.2;
    check.measurement = m;
    GradeResult result;
    result.checks = {check};
    QVERIFY(chart.showResult(result));

    Appearance::instance()->setTheme(theme);
    const QPalette palette = Appearance::instance()->palette(theme);
    QTRY_COMPARE(chart.chart()->backgroundBrush().color(), palette.color(QPalette::Base));
    QCOMPARE(chart.chart()->legend()->labelColor(), palette.color(QPalette::Text));
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Vertical);
    QVERIFY(!axes.isEmpty());
    QCOMPARE(axes.first()->labelsColor(), palette.color(QPalette::Text));
    QVERIFY(chart.caption().contains(QLatin1String("1.80x"))); // the same figures, redrawn
    // The dashed line of the speedup needed stands out from the chart, 3:1 at least.
    QLineSeries *needed = nullptr;
    for (QAbstractSeries *series : chart.chart()->series())
        if (series->name() == QLatin1String("Needed"))
            needed = qobject_cast<QLineSeries *>(series);
    QVERIFY(needed);
    const double contrast =
        CodeColors::contrast(needed->pen().color(), palette.color(QPalette::Base));
    QVERIFY2(contrast >= 3.0, qPrintable(QStringLiteral("%1:1").arg(contrast)));
}

void TestAppearance::checkBoxesStandOut_data()
{
    QTest::addColumn<Appearance::Theme>("theme");
    QTest::addRow("dark") << Appearance::Theme::Dark;
    QTest::addRow("high contrast") << Appearance::Theme::HighContrast;
}

// The box of a quiz's check box or radio button stands out from the window, 3:1 at least (WCAG's
// contrast for the parts of a control), even before it is ticked.
void TestAppearance::checkBoxesStandOut()
{
    QFETCH(Appearance::Theme, theme);
    Appearance::instance()->setTheme(theme);
    QWidget page;
    auto *layout = new QVBoxLayout(&page);
    auto *check = new QCheckBox(QStringLiteral("One of several answers"));
    auto *radio = new QRadioButton(QStringLiteral("The one answer"));
    layout->addWidget(check);
    layout->addWidget(radio);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QColor window = page.palette().color(QPalette::Window);
    for (QAbstractButton *button : {static_cast<QAbstractButton *>(check),
                                    static_cast<QAbstractButton *>(radio)}) {
        QStyleOptionButton option;
        option.initFrom(button);
        const QRect box = button->style()->subElementRect(
            button == check ? QStyle::SE_CheckBoxIndicator : QStyle::SE_RadioButtonIndicator,
            &option, button);
        QVERIFY(!box.isEmpty());
        const QImage image = button->grab().toImage();
        double best = 0;
        for (int x = box.left(); x <= box.right(); ++x)
            for (int y = box.top(); y <= box.bottom(); ++y)
                best = std::max(best, CodeColors::contrast(image.pixelColor(x, y), window));
        QVERIFY2(best >= 3.0, qPrintable(QStringLiteral("%1: %2:1")
                                             .arg(button->text())
                                             .arg(best)));
    }
}

void TestAppearance::viewMenuChoosesAndKeepsTheTheme()
{
    auto window = makeWindow();
    QVERIFY(window);
    QMenu *themes = nullptr;
    for (QMenu *menu : window->menuBar()->findChildren<QMenu *>())
        if (menu->title() == QLatin1String("&Theme"))
            themes = menu;
    QVERIFY(themes);
    QStringList names;
    QAction *dark = nullptr;
    for (QAction *action : themes->actions()) {
        names.append(action->text().remove(QLatin1Char('&')));
        if (names.last() == QLatin1String("Dark"))
            dark = action;
    }
    QCOMPARE(names, (QStringList{"System", "Light", "Dark", "High contrast"}));
    QVERIFY(themes->actions().first()->isChecked());
    QVERIFY(dark);
    dark->trigger();
    QCOMPARE(Appearance::instance()->theme(), Appearance::Theme::Dark);
    QCOMPARE(QApplication::palette().color(QPalette::Base),
             Appearance::instance()->palette(Appearance::Theme::Dark).color(QPalette::Base));
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
    QVERIFY(dark->isChecked());

    // A window opened later (the next start) shows the same choice.
    window.reset();
    auto again = makeWindow();
    QVERIFY(again);
    for (QMenu *menu : again->menuBar()->findChildren<QMenu *>())
        if (menu->title() == QLatin1String("&Theme"))
            for (QAction *action : menu->actions())
                QCOMPARE(action->isChecked(), action->text() == QLatin1String("&Dark"));
}

void TestAppearance::systemThemeIsTheStartingPalette()
{
    Appearance::instance()->setTheme(Appearance::Theme::HighContrast);
    QVERIFY(QApplication::palette().color(QPalette::Base) != m_startPalette.color(QPalette::Base) ||
            QApplication::palette().color(QPalette::Text) != m_startPalette.color(QPalette::Text));
    Appearance::instance()->setTheme(Appearance::Theme::System);
    for (const QPalette::ColorRole role :
         {QPalette::Window, QPalette::WindowText, QPalette::Base, QPalette::Text,
          QPalette::Highlight, QPalette::Button})
        QCOMPARE(QApplication::palette().color(role), m_startPalette.color(role));
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("system"));
}

QTEST_MAIN(TestAppearance)
#include "TestAppearance.moc"
