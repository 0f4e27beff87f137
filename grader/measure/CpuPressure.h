#pragma once

namespace Unlocked {

/**
 * Seconds, since boot, during which at least one runnable task of this machine waited for a CPU
 * (the kernel's pressure stall information, "some" line of /proc/pressure/cpu); a negative value
 * when the kernel does not report it. Read from outside the sandbox, so a learner's program
 * cannot change it, only add to it.
 */
double cpuWaitSeconds();

} // namespace Unlocked
