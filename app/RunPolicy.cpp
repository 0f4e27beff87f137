#include "RunPolicy.h"

namespace Unlocked {

IsolationSupport RunPolicy::isolation() const
{
    if (!m_isolation)
        m_isolation = Grader::isolationSupport();
    return *m_isolation;
}

void RunPolicy::setUnisolatedAllowed(bool allowed)
{
    if (m_unisolatedAllowed == allowed)
        return;
    m_unisolatedAllowed = allowed;
    Q_EMIT changed();
}

} // namespace Unlocked
