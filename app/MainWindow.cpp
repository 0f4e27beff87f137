#include "MainWindow.h"

#include "Appearance.h"
#include "LessonView.h"
#include "LockedPage.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "PackController.h"
#include "Paths.h"
#include "ProgressStore.h"
#include "QuizView.h"
#include "RunPolicy.h"
#include "SaveProblemNotice.h"
#include "TaskView.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Unlocked {

MainWindow::MainWindow(const MainWindowOptions &options, QWidget *parent)
    : QMainWindow(parent),
      m_store(std::make_unique<ProgressStore>(
          options.databasePath.isEmpty() ? ProgressStore::defaultPath() : options.databasePath)),
      m_policy(new RunPolicy(this)), m_packs(new PackController(this)),
      m_model(new CourseModel(this)), m_map(new QTreeView), m_progress(new QProgressBar),
      m_progressLabel(new QLabel), m_saveProblem(new SaveProblemNotice(m_store.get())),
      m_pages(new QStackedWidget), m_welcome(new MarkdownView),
      m_lessonView(new LessonView(m_policy)), m_quizView(new QuizView(m_store.get())),
      m_lockedPage(new LockedPage), m_previewLabel(new QLabel(tr("Preview: everything unlocked")))
{
    setWindowTitle(tr("Unlocked"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/unlocked.svg")));

    m_map->setModel(m_model);
    m_map->setHeaderHidden(true);
    m_map->setUniformRowHeights(true);
    m_map->setExpandsOnDoubleClick(true);
    m_map->header()->setStretchLastSection(false);
    m_map->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_map->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_map->setAccessibleName(tr("Course map"));
    m_map->setAccessibleDescription(tr("The course's lessons, quizzes and tasks with their "
                                       "state; Enter opens one"));
    m_progress->setAccessibleName(tr("Course progress"));
    m_welcome->setAccessibleName(tr("Welcome"));
    m_welcome->setAccessibleDescription(tr("Where to begin; Tab moves from link to link"));
    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(6, 6, 0, 6);
    sideLayout->addWidget(m_map, 1);
    m_progressLabel->setWordWrap(true);
    sideLayout->addWidget(m_progressLabel);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    sideLayout->addWidget(m_progress);

    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_lessonView);
    m_pages->addWidget(m_quizView);
    m_pages->addWidget(m_lockedPage);
    // Above the page, where the learner looks.
    auto *pageArea = new QWidget;
    auto *pageLayout = new QVBoxLayout(pageArea);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    pageLayout->addWidget(m_saveProblem);
    pageLayout->addWidget(m_pages, 1);
    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(side);
    split->addWidget(pageArea);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 980});
    setCentralWidget(split);
    statusBar()->addPermanentWidget(m_previewLabel);
    m_previewLabel->hide();
    buildMenus();

    connect(m_map->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) { currentItemChanged(index); });
    connect(m_map, &QTreeView::activated, this, [this](const QModelIndex &index) {
        currentItemChanged(index);
        m_pages->currentWidget()->setFocus();
    });
    connect(m_packs, &PackController::packChanged, this, &MainWindow::packChanged);
    connect(m_packs, &PackController::loadFailed, this, &MainWindow::packFailed);
    connect(m_lessonView, &LessonView::openRequested, this, &MainWindow::openItem);
    connect(m_welcome, &MarkdownView::courseLinkActivated, this, [this](const QString &link) {
        if (const auto place = CoursePlace::parse(link))
            openItem(place->kind, place->id);
    });
    connect(m_lockedPage, &LockedPage::goToTask, this,
            [this](const QString &id) { openItem(CourseItemKind::Task, id); });
    connect(m_quizView, &QuizView::answered, this, &MainWindow::refreshProgress);
    connect(m_pages, &QStackedWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_saveProblem, &SaveProblemNotice::savedAgain, this,
            [this] { statusBar()->showMessage(tr("Your progress is saved again."), 8000); });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1180, 760);
    split->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (options.restorePlace)
        m_place = settings.value(QStringLiteral("place/item")).toString();
    m_previewAction->setChecked(options.preview);

    QString packDir = options.packDir;
    if (options.pack) {
        setPack(options.pack);
    } else if (packDir.isEmpty()) {
        const QString last = settings.value(QStringLiteral("place/pack")).toString();
        packDir = !last.isEmpty() && QFileInfo::exists(last + QLatin1String("/course.yaml"))
                      ? last
                      : Paths::builtinPack();
    }
    if (!options.pack)
        openPack(packDir);
    if (!m_store->damageReport().isEmpty() || !m_store->isOpen())
        QTimer::singleShot(0, this, &MainWindow::reportDamage);
}

MainWindow::~MainWindow()
{
    // The panes write to the store as they go (the last draft): they go before it does.
    m_pages->disconnect(this); // pages leaving the stack must not call back into us
    m_map->selectionModel()->disconnect(this);
    m_taskView = nullptr;
    delete takeCentralWidget();
}

TaskView *MainWindow::taskView()
{
    if (!m_taskView) { // QScintilla is created on first use: it is the costliest pane
        m_taskView = new TaskView(m_store.get(), m_policy);
        m_pages->addWidget(m_taskView);
        connect(m_taskView, &TaskView::graded, this, &MainWindow::taskGraded);
        connect(m_taskView, &TaskView::gradingChanged, this, &MainWindow::updateActions);
        connect(m_taskView->output(), &OutputPane::runStarted, this, &MainWindow::updateActions);
        connect(m_taskView->output(), &OutputPane::runFinished, this, &MainWindow::updateActions);
    }
    return m_taskView;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open lesson pack…"), this, &MainWindow::openPackDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open the &built-in course"), this,
                    [this] { openPack(Paths::builtinPack()); });
    QAction *reload = file->addAction(tr("&Reload pack"), this, [this] { m_packs->reload(); });
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_previewAction = view->addAction(tr("&Preview mode (unlock everything)"));
    m_previewAction->setCheckable(true);
    m_previewAction->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    m_previewAction->setStatusTip(tr("For instructors: open every lesson and task of the pack"));
    connect(m_previewAction, &QAction::toggled, this, &MainWindow::setPreview);
    QAction *map =
        view->addAction(tr("Go to the course &map"), this, [this] { m_map->setFocus(); });
    map->setShortcut(QKeySequence(tr("Ctrl+L")));
    view->addSeparator();
    Appearance::instance()->addViewActions(view);
    // The course map's marks are drawn in the theme's colours.
    connect(Appearance::instance(), &Appearance::themeChanged, this, &MainWindow::refreshProgress);

    QMenu *code = menuBar()->addMenu(tr("&Code"));
    m_runAction = code->addAction(tr("&Run"), this, [this] { taskView()->run(); });
    m_runAction->setShortcuts({QKeySequence(tr("Ctrl+Return")), QKeySequence(tr("Ctrl+Enter"))});
    m_gradeAction = code->addAction(tr("&Grade"), this, [this] { taskView()->grade(); });
    m_gradeAction->setShortcuts(
        {QKeySequence(tr("Ctrl+Shift+Return")), QKeySequence(tr("Ctrl+Shift+Enter"))});
    // Thonny's key for Stop; Ctrl+C stays Copy in the editor.
    m_stopAction = code->addAction(tr("&Stop the running program"), this, [this] {
        taskView()->output()->stop();
        taskView()->cancelGrade();
    });
    m_stopAction->setShortcut(QKeySequence(tr("Ctrl+F2")));
    m_stopAction->setStatusTip(tr("Stops your program started with Run, and cancels a grade"));
    m_hintAction =
        code->addAction(tr("Show a &hint"), this, [this] { taskView()->showNextHint(); });
    m_hintAction->setShortcut(QKeySequence(tr("Ctrl+H")));
    code->addSeparator();
    QAction *unisolated = code->addAction(tr("Allow running &without isolation"));
    unisolated->setCheckable(true);
    unisolated->setStatusTip(tr("Only when the sandbox is unavailable: runs your code with your "
                                "own rights"));
    connect(unisolated, &QAction::toggled, m_policy, &RunPolicy::setUnisolatedAllowed);
    connect(m_policy, &RunPolicy::changed, unisolated,
            [this, unisolated] { unisolated->setChecked(m_policy->unisolatedAllowed()); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *helpAction = help->addAction(tr("Unlocked &help"), this, &MainWindow::showHelp);
    helpAction->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Unlocked"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool onTask = m_taskView && m_pages->currentWidget() == m_taskView;
    m_runAction->setEnabled(onTask);
    m_gradeAction->setEnabled(onTask);
    m_hintAction->setEnabled(onTask);
    m_stopAction->setEnabled(m_taskView &&
                             (m_taskView->output()->isRunning() || m_taskView->isGrading()));
}

bool MainWindow::openPack(const QString &dir)
{
    return m_packs->open(dir);
}

void MainWindow::setPack(std::shared_ptr<const Pack> pack)
{
    m_packs->setPack(std::move(pack));
}

void MainWindow::packChanged()
{
    const auto pack = m_packs->pack();
    m_store->setPackId(pack->id);
    m_model->setPack(pack);
    m_map->expandAll();
    setWindowTitle(tr("%1 — Unlocked").arg(pack->title));
    // Progress first, so that refreshProgress() does not announce locks open since long ago.
    m_model->setProgress(ProgressSnapshot::read(*m_store, *pack));
    refreshProgress();
    QSettings().setValue(QStringLiteral("place/pack"), m_packs->dir());
    // Reopen where the learner was (after a reload: the page they are on, with fresh content).
    if (const auto place = CoursePlace::parse(m_place);
        place && m_model->find(place->kind, place->id).isValid())
        openItem(place->kind, place->id);
    else
        showWelcome();
}

void MainWindow::packFailed(const QString &dir, const QList<PackError> &errors)
{
    QStringList lines;
    for (const PackError &error : errors)
        lines.append(error.toString().toHtmlEscaped());
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("The lesson pack has errors"),
                        tr("<p>The lesson pack in <b>%1</b> could not be opened. Fix these "
                           "and it reloads by itself:</p><pre>%2</pre>")
                            .arg(dir.toHtmlEscaped(), lines.mid(0, 20).join(QLatin1Char('\n'))),
                        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("packErrors"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(tr("The pack has %n error(s).", nullptr, int(errors.size())));
    if (!m_packs->pack())
        showWelcome();
}

void MainWindow::refreshProgress()
{
    const auto pack = m_packs->pack();
    if (!pack)
        return;
    QSet<QString> lockedBefore;
    for (const Lesson &lesson : pack->lessons)
        if (m_model->state(CourseItemKind::Lesson, lesson.id) == ItemState::Locked)
            lockedBefore.insert(lesson.id);
    m_model->setProgress(ProgressSnapshot::read(*m_store, *pack));
    for (const Lesson &lesson : pack->lessons) {
        if (lockedBefore.contains(lesson.id) &&
            m_model->state(CourseItemKind::Lesson, lesson.id) != ItemState::Locked)
            statusBar()->showMessage(tr("Unlocked: %1").arg(lesson.title), 8000);
    }
    m_progress->setRange(0, qMax(1, m_model->tasksTotal()));
    m_progress->setValue(m_model->tasksPassed());
    m_progressLabel->setText(m_model->progressText());
    // A lock page whose lock has just opened becomes the page itself.
    const auto place = CoursePlace::parse(m_place);
    if (m_pages->currentWidget() == m_lockedPage && place &&
        m_model->state(place->kind, place->id) != ItemState::Locked)
        openItem(place->kind, place->id);
}

QString MainWindow::progressText() const
{
    return m_progressLabel->text();
}

void MainWindow::setPreview(bool preview)
{
    if (m_previewAction->isChecked() != preview)
        m_previewAction->setChecked(preview); // comes back here through toggled()
    m_model->setUnlockAll(preview);
    m_previewLabel->setVisible(preview);
    refreshProgress();
}

void MainWindow::currentItemChanged(const QModelIndex &index)
{
    if (m_syncingSelection || !index.isValid())
        return;
    const QModelIndex title = index.siblingAtColumn(0);
    openItem(CourseItemKind(title.data(CourseModel::KindRole).toInt()),
             title.data(CourseModel::IdRole).toString());
}

void MainWindow::selectInMap(CourseItemKind kind, const QString &id)
{
    const QModelIndex index = m_model->find(kind, id);
    if (!index.isValid() || m_map->currentIndex().siblingAtColumn(0) == index)
        return;
    m_syncingSelection = true;
    m_map->setCurrentIndex(index);
    m_syncingSelection = false;
}

void MainWindow::openItem(CourseItemKind kind, const QString &id)
{
    const auto pack = m_packs->pack();
    const QModelIndex index = m_model->find(kind, id);
    if (!pack || !index.isValid())
        return;
    if (m_taskView)
        m_taskView->saveDraft();
    m_place = CoursePlace{kind, id}.toString();
    QSettings().setValue(QStringLiteral("place/item"), m_place);
    selectInMap(kind, id);
    const QString lessonId = index.data(CourseModel::LessonRole).toString();
    if (ItemState(index.data(CourseModel::StateRole).toInt()) == ItemState::Locked) {
        const QString blocking = m_model->firstBlockingTask(lessonId);
        const Task *task = pack->task(blocking);
        m_lockedPage->showLock(index.data().toString(), m_model->lockReason(lessonId), blocking,
                               task ? task->title : blocking);
        m_pages->setCurrentWidget(m_lockedPage);
        return;
    }
    switch (kind) {
    case CourseItemKind::Lesson:
        m_lessonView->showLesson(*pack, *pack->lesson(id));
        m_pages->setCurrentWidget(m_lessonView);
        m_store->markLessonRead(id);
        refreshProgress();
        break;
    case CourseItemKind::Task:
        taskView()->showTask(pack, id);
        m_pages->setCurrentWidget(m_taskView);
        break;
    case CourseItemKind::Quiz:
        m_quizView->showQuiz(*pack->lesson(lessonId)->quiz);
        m_pages->setCurrentWidget(m_quizView);
        break;
    }
}

void MainWindow::showWelcome()
{
    const auto pack = m_packs->pack();
    if (!pack) {
        m_welcome->setMarkdownSource(tr("# No lesson pack\n\nOpen one with **File → Open lesson "
                                        "pack…** (Ctrl+O)."));
    } else {
        // Point at the first lesson still to do, so that a new learner knows where to begin.
        QString next;
        for (const Lesson &lesson : pack->lessons) {
            const ItemState state = m_model->state(CourseItemKind::Lesson, lesson.id);
            if (state == ItemState::Open || state == ItemState::Attempted) {
                next = tr("**[%1 “%2” →](unlocked:lesson:%3)**\n\n")
                           .arg(state == ItemState::Open ? tr("Start with") : tr("Continue with"),
                                lesson.title, lesson.id);
                break;
            }
        }
        m_welcome->setMarkdownSource(
            tr("# %1\n\n%2\n\n%3Or pick a lesson in the course map on the left (arrow keys and "
               "Enter work too). Lessons open as you pass the tasks before them.\n\n"
               "- **Ctrl+Enter** runs your code, **Ctrl+Shift+Enter** grades it.\n"
               "- **Ctrl+H** shows a hint, **F1** shows help.")
                .arg(pack->title, pack->description, next));
    }
    m_pages->setCurrentWidget(m_welcome);
    // Focus here, not in the map: a map taking focus selects (and opens) its first row.
    m_welcome->setFocus();
}

void MainWindow::openPackDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open lesson pack (the folder holding course.yaml)"), m_packs->dir());
    if (!dir.isEmpty()) {
        m_place.clear();
        openPack(dir);
    }
}

void MainWindow::reportDamage()
{
    const QString text = m_store->isOpen()
                             ? m_store->damageReport()
                             : tr("Your progress could not be opened (%1), so nothing you do now "
                                  "will be saved.")
                                   .arg(m_store->errorString());
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Progress database"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("damageReport"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::taskGraded(const QString &taskId, Verdict verdict)
{
    refreshProgress(); // for the task that was graded, whichever page is showing now
    const auto pack = m_packs->pack();
    const Task *task = pack ? pack->task(taskId) : nullptr;
    const bool shown =
        m_taskView && m_pages->currentWidget() == m_taskView && m_taskView->taskId() == taskId;
    if (task && !shown)
        statusBar()->showMessage(
            tr("“%1” has been graded (%2). Open it to see what the checks found.")
                .arg(task->title, verdictName(verdict)),
            15000);
}

void MainWindow::showHelp()
{
    QMessageBox::information(
        this, tr("Unlocked help"),
        tr("<h3>How Unlocked works</h3>"
           "<p>Read a lesson, try its examples with <b>▶ Run this example</b>, answer its quiz, "
           "then solve its tasks. Passing a lesson's tasks unlocks the next lesson.</p>"
           "<p><b>Ctrl+Enter</b> runs your code in a sandbox, <b>Ctrl+Shift+Enter</b> grades it, "
           "<b>Ctrl+F2</b> stops it or a grade, <b>Ctrl+H</b> reveals the next hint, <b>Ctrl+L</b> "
           "goes to "
           "the course map, "
           "<b>Ctrl+O</b> opens another lesson pack.</p>"
           "<p><b>Ctrl+plus</b> and <b>Ctrl+minus</b> size the code everywhere (Ctrl+0 resets "
           "it); <b>View → Theme</b> chooses light, dark or high-contrast colours.</p>"
           "<p>Your code, answers and progress are saved as you go in %1.</p>")
            .arg(m_store->path().toHtmlEscaped()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Unlocked"),
                       tr("<h3>Unlocked %1</h3><p>A course on getting past Python's Global "
                          "Interpreter Lock: threads, processes, asyncio, NumPy, native code and "
                          "Cython, with a grader that checks your code is right and measurably "
                          "faster.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_taskView)
        m_taskView->saveDraft();
    // A grade takes a while and cannot be picked up again: quitting throws it away.
    if (m_taskView && m_taskView->isGrading()) {
        QMessageBox box(QMessageBox::Question, tr("Grading is not finished"),
                        tr("Your code is still being graded. Quit anyway? The grade is lost, "
                           "your code is kept."),
                        QMessageBox::Yes | QMessageBox::No, this);
        box.setObjectName(QStringLiteral("quitWhileGrading"));
        box.setDefaultButton(QMessageBox::No);
        if (box.exec() != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_taskView->cancelGrade();
    }
    // What could not be written is only in memory: quitting now would lose it.
    if (m_store->hasUnsavedWrites() && !m_store->retryUnsaved()) {
        QMessageBox box(QMessageBox::Warning, tr("Progress not saved"),
                        tr("Some of your progress could still not be saved. If you quit now, "
                           "it is lost. Quit anyway?"),
                        QMessageBox::Yes | QMessageBox::No, this);
        box.setDefaultButton(QMessageBox::No);
        box.setInformativeText(tr("This happens when the disk is full or the progress file "
                                  "cannot be written. Free some space, then try again."));
        box.setDetailedText(m_saveProblem->detail());
        if (box.exec() != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/splitter"), split->saveState());
    event->accept();
}

} // namespace Unlocked
