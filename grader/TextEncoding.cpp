#include "TextEncoding.h"

#include <QList>
#include <QString>

namespace Unlocked {

// Invalid bytes decode to U+FFFD, so text that does not survive the round trip holds one. A
// UTF-8 sequence never contains the byte '\n', so lines can be checked one by one.
int firstInvalidUtf8Line(const QByteArray &bytes)
{
    if (QString::fromUtf8(bytes).toUtf8() == bytes)
        return 0;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (QString::fromUtf8(lines[i]).toUtf8() != lines[i])
            return int(i + 1);
    return 1;
}

} // namespace Unlocked
