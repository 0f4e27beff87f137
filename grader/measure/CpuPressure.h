#pragma once

namespace Unlocked {

/**
 * Seconds, since boot, during which at least one runnable task of this machine waited for a CPU
 * (the kernel's pressure stall information, "some" line of /proc/pressure/cpu); a negative value
 * when the kernel does not report it. Read from outside the sandbox, so a learner's program
 * cannot change it, only add to it.
 */
double cpuWaitSeconds();

/**
 * Seconds, since boot, that the hypervisor ran something else while a CPU of this virtual
 * machine had work ("steal" in /proc/stat), averaged over the machine's CPUs; a negative value
 * when the kernel does not report it. A parallel run needs every CPU at once, so it loses more
 * to steal than a sequential one.
 */
double cpuStealSeconds();

} // namespace Unlocked
