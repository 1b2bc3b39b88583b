// Defaults for the sanitizers of the native Debug build (preset `native`).
//
// Mesa, libX11 and D-Bus keep allocations until exit by design, so
// LeakSanitizer would fail every run of the desktop app; leak checking belongs
// to our own tests (core_tests), where it stays on. Set ASAN_OPTIONS to
// override. Compiled into layerlab_app only (src/app/).
#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __asan_default_options();
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif
