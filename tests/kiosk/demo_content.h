// The bundled demo portal synced into a store of this test process (once), for tests of the hall
// core and the render tests alike.
#pragma once

#include "sync/content.h"

#include <memory>

namespace gk::test {

std::shared_ptr<const Content> demoContent();

} // namespace gk::test
