#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Unlocked {

/** Shown in place of a locked lesson, task or quiz: why, and a way to the work that opens it. */
class LockedPage : public QWidget
{
    Q_OBJECT
public:
    explicit LockedPage(QWidget *parent = nullptr);

    void showLock(const QString &title, const QString &reason, const QString &blockingTaskId,
                  const QString &blockingTaskTitle);
    QString reason() const;
    QString title() const;
    /** The way out: "Go to “<task title>”"; empty when hidden. */
    QString goText() const;

Q_SIGNALS:
    void goToTask(const QString &taskId);

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_reason;
    QPushButton *m_go;
    QString m_taskId;
};

} // namespace Unlocked
