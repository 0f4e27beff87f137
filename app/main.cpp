#include "Appearance.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "ProgressStore.h"
#include "SingleInstance.h"
#include "TaskView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

using namespace Unlocked;

namespace {

// Acts when the window is first painted, which is when a learner sees it: the start-up time is
// printed only when asked for (--quit-after-show), never on an ordinary launch.
class FirstPaint : public QObject
{
public:
    FirstPaint(QElapsedTimer clock, bool quit, QString screenshot, int delayMs)
        : m_clock(clock), m_quit(quit), m_screenshot(std::move(screenshot)), m_delay(delayMs)
    {
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_seen)
            return false;
        m_seen = true;
        if (m_quit)
            std::fprintf(stderr, "unlocked: window shown %lld ms after main() started\n",
                         static_cast<long long>(m_clock.elapsed()));
        auto *window = static_cast<QWidget *>(watched);
        if (!m_screenshot.isEmpty()) {
            QTimer::singleShot(m_delay, window, [window, path = m_screenshot] {
                window->grab().save(path);
                QApplication::quit();
            });
        } else if (m_quit) {
            QTimer::singleShot(0, qApp, &QApplication::quit);
        }
        return false;
    }

private:
    QElapsedTimer m_clock;
    bool m_quit;
    QString m_screenshot;
    int m_delay;
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("unlocked"));
    QApplication::setApplicationDisplayName(QStringLiteral("Unlocked"));
    QApplication::setOrganizationName(QStringLiteral("unlocked"));
    QApplication::setApplicationVersion(QStringLiteral(UNLOCKED_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("unlocked"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/unlocked.svg")));
    Appearance::instance(); // the saved theme, before any window is made

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A course on getting past Python's GIL."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption pack(QStringLiteral("pack"), QStringLiteral("Open this lesson pack."),
                                  QStringLiteral("dir"));
    const QCommandLineOption preview(QStringLiteral("preview"),
                                     QStringLiteral("Preview mode: every lesson unlocked."));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("Keep progress in this SQLite file."),
                                      QStringLiteral("file"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Open an item: lesson:ID, task:ID or quiz:ID."),
                                  QStringLiteral("item"));
    const QCommandLineOption quitAfterShow(
        QStringLiteral("quit-after-show"),
        QStringLiteral("Print the start-up time and quit once the window is shown."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a picture of the window and quit."),
                                        QStringLiteral("png"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds to wait before the picture."),
                                   QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Run the opened task's code, or the lesson's "
                                                "example N (from 1)."),
                                 QStringLiteral("n"));
    const QCommandLineOption grade(QStringLiteral("grade"),
                                   QStringLiteral("Grade the opened task's code."));
    parser.addOptions(
        {pack, preview, database, open, run, grade, quitAfterShow, screenshot, delay});
    parser.process(app);

    MainWindowOptions options;
    options.packDir = parser.value(pack);
    options.databasePath =
        parser.isSet(database) ? parser.value(database) : ProgressStore::defaultPath();
    options.preview = parser.isSet(preview);

    SingleInstance instance(options.databasePath);
    switch (instance.acquire(parser.value(open))) {
    case SingleInstance::Outcome::Forwarded:
        std::fprintf(stderr,
                     "unlocked: already open with %s; that window was asked to come to "
                     "the front.\n",
                     qPrintable(options.databasePath));
        return 0;
    case SingleInstance::Outcome::Refused:
        std::fprintf(stderr, "unlocked: %s\n", qPrintable(instance.reason()));
        QMessageBox::warning(nullptr, QApplication::translate("main", "Unlocked is already open"),
                             instance.reason());
        return 1;
    case SingleInstance::Outcome::Unguarded:
    case SingleInstance::Outcome::First:
        break;
    }

    MainWindow window(options);
    QObject::connect(&instance, &SingleInstance::activationRequested, &window,
                     [&window](const QString &item) {
                         if (const auto place = CoursePlace::parse(item))
                             window.openItem(place->kind, place->id);
                         if (window.isMinimized())
                             window.showNormal();
                         window.raise();
                         window.activateWindow();
                     });
    if (parser.isSet(open)) {
        const auto place = CoursePlace::parse(parser.value(open));
        if (!place) {
            std::fprintf(stderr, "unlocked: --open takes lesson:ID, task:ID or quiz:ID, not '%s'\n",
                         qPrintable(parser.value(open)));
            return 2;
        }
        window.openItem(place->kind, place->id);
        const bool task = place->kind == CourseItemKind::Task;
        if (parser.isSet(run) && task)
            window.taskView()->run();
        else if (parser.isSet(run))
            window.lessonView()->runExample(parser.value(run).toInt() - 1);
        if (parser.isSet(grade) && task)
            window.taskView()->grade();
    }
    FirstPaint firstPaint(clock, parser.isSet(quitAfterShow), parser.value(screenshot),
                          parser.value(delay).toInt());
    window.installEventFilter(&firstPaint);
    window.show();
    return app.exec();
}
