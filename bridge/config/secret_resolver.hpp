#pragma once

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/environment.hpp"

namespace camtwin {

// Fills the broker and camera passwords, the environment first, then the *_file keys. A missing
// secret, an unreadable file or a password without its username is a problem. The values never
// appear in a problem line: only where they were looked for.
void resolve_secrets(config& cfg, const environment& env, config_problems& problems);

}  // namespace camtwin
