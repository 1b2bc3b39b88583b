// The doctest runner for core_tests: every tests/core/test_*.cpp is linked in.
// Run one case:  build/native/core_tests -tc="format_bytes*"
// Golden files:  LAYERLAB_SOURCE_DIR "/tests/golden/..." (also under node: NODERAWFS)
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
