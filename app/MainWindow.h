#pragma once

#include "CourseModel.h"
#include "pack/PackLoader.h"
#include "result/GradeResult.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTreeView;

namespace Unlocked {

class LessonView;
class LockedPage;
class MarkdownView;
class PackController;
class ProgressStore;
class QuizView;
class RunPolicy;
class SaveProblemNotice;
class TaskView;

struct MainWindowOptions
{
    QString packDir;                  // empty: the last pack opened, else the built-in course
    std::shared_ptr<const Pack> pack; // a pack built in memory, instead of packDir
    QString databasePath;             // empty: ProgressStore::defaultPath()
    bool preview = false;
    bool restorePlace = true;
};

/**
 * The window: the course map on the left, the page of the chosen item on the right, menus.
 * The panes do the work; this class wires them to the pack, the progress store and the locks.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens \a dir as the current pack; errors are shown, the last good pack stays. */
    bool openPack(const QString &dir);
    void setPack(std::shared_ptr<const Pack> pack); // a pack built in memory
    void openItem(CourseItemKind kind, const QString &id);
    void setPreview(bool preview);

    CourseModel *courseModel() const { return m_model; }
    QTreeView *courseMap() const { return m_map; }
    QStackedWidget *pages() const { return m_pages; }
    LessonView *lessonView() const { return m_lessonView; }
    QuizView *quizView() const { return m_quizView; }
    LockedPage *lockedPage() const { return m_lockedPage; }
    TaskView *taskView();
    ProgressStore *store() const { return m_store.get(); }
    RunPolicy *runPolicy() const { return m_policy; }
    QString progressText() const;
    /** The notice shown while some progress could not be saved; hidden otherwise. */
    SaveProblemNotice *saveProblemNotice() const { return m_saveProblem; }

public Q_SLOTS:
    /** Re-reads progress from the store and updates the locks; opens a page that unlocked. */
    void refreshProgress();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void packChanged();
    void packFailed(const QString &dir, const QList<PackError> &errors);
    void currentItemChanged(const QModelIndex &index);
    void showWelcome();
    void selectInMap(CourseItemKind kind, const QString &id);
    void updateActions();
    void openPackDialog();
    void showHelp();
    void showAbout();
    void reportDamage();
    void taskGraded(const QString &taskId, Verdict verdict);

    std::unique_ptr<ProgressStore> m_store;
    RunPolicy *m_policy;
    PackController *m_packs;
    CourseModel *m_model;
    QTreeView *m_map;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    SaveProblemNotice *m_saveProblem;
    QStackedWidget *m_pages;
    MarkdownView *m_welcome;
    LessonView *m_lessonView;
    QuizView *m_quizView;
    LockedPage *m_lockedPage;
    TaskView *m_taskView = nullptr;
    QLabel *m_previewLabel;
    QAction *m_runAction = nullptr;
    QAction *m_gradeAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_hintAction = nullptr;
    QAction *m_previewAction = nullptr;
    QString m_place; // "kind:id" of the open item, remembered across runs
    bool m_syncingSelection = false;
};

} // namespace Unlocked
