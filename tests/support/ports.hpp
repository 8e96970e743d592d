#pragma once

namespace camtwin::test {

// A 127.0.0.1 port that was free a moment ago (the kernel's pick for port 0). Another process
// may take it before the caller binds it; callers that can, retry with a new one.
int free_port();

}  // namespace camtwin::test
