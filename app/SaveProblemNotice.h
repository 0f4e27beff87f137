#pragma once

#include <QLabel>

namespace Unlocked {

class ProgressStore;

/**
 * A notice above the page for as long as some progress could not be saved, gone once it is:
 * a write is refused at every keystroke, so a dialog would come back again and again.
 */
class SaveProblemNotice : public QLabel
{
    Q_OBJECT
public:
    explicit SaveProblemNotice(ProgressStore *store, QWidget *parent = nullptr);

    /** What the database said, and of which file, for whoever wants the details. */
    QString detail() const;

Q_SIGNALS:
    /** Everything that had been kept in memory is now in the file. */
    void savedAgain();

private:
    void saveStateChanged(bool saved);

    ProgressStore *m_store;
};

} // namespace Unlocked
