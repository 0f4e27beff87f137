#pragma once

#include <QPalette>

namespace Unlocked::ThemePalettes {

/** Fusion's light palette, with links dark enough to read on white. */
QPalette light();
/** Light text on dark grey surfaces, every text colour at least 4.5:1 against its surface. */
QPalette dark();
/** White on black, with yellow selection and cyan links; frames are drawn in white. */
QPalette highContrast();

} // namespace Unlocked::ThemePalettes
