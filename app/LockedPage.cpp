#include "LockedPage.h"

#include "CourseModel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Unlocked {

LockedPage::LockedPage(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel), m_title(new QLabel), m_reason(new QLabel),
      m_go(new QPushButton)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    m_icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_icon);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_reason->setAlignment(Qt::AlignCenter);
    m_reason->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_reason);
    layout->addWidget(m_go, 0, Qt::AlignCenter);
    m_go->setAccessibleDescription(tr("Opens the task that unlocks this page"));
    layout->addStretch(2);
    connect(m_go, &QPushButton::clicked, this, [this] { Q_EMIT goToTask(m_taskId); });
}

void LockedPage::showLock(const QString &title, const QString &reason,
                          const QString &blockingTaskId, const QString &blockingTaskTitle)
{
    m_icon->setPixmap(CourseModel::stateIcon(ItemState::Locked).pixmap(48, 48));
    m_title->setText(tr("“%1” is locked").arg(title));
    m_reason->setText(reason + QLatin1Char('.'));
    m_taskId = blockingTaskId;
    m_go->setText(tr("Go to “%1”").arg(blockingTaskTitle));
    m_go->setVisible(!blockingTaskId.isEmpty());
    m_go->setFocus();
}

QString LockedPage::reason() const
{
    return m_reason->text();
}

QString LockedPage::title() const
{
    return m_title->text();
}

QString LockedPage::goText() const
{
    return m_go->isHidden() ? QString() : m_go->text();
}

} // namespace Unlocked
