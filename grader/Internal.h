#pragma once

// Included first by every header that is private to unlocked_grader (its yaml-cpp readers, the
// sandbox's moving parts, ...): they sit under the grader's public include directory only
// because their sources do, and other targets must not build on them.
#ifndef UNLOCKED_GRADER_INTERNAL
#error "a private header of unlocked_grader: use Grader.h, pack/, result/ or measure/ instead"
#endif
