// bridge.h: what C++ tells the page (and what the page can ask), without embind.
//
// Exports (callable from JS as Module._name; web/layerlab-api.js wraps them
// into window.layerlab, see README "JS API"):
//   ll_frame_count()  frames drawn so far; the shell exposes it as
//                     window.layerlab_frames, the browser test waits on it
//   ll_frames_painted()  of those, the ones sent to the GPU (an unchanged
//                     frame is not: frame.cpp); window.layerlab_frames_painted
//   ll_input_pending()  input events the UI has not seen yet (SDL's queue and
//                     ImGui's); window.layerlab_input_pending, tests wait for 0
//   ll_version()      "0.1.0" as a C string
//   ll_last_error()   message of the last exception a guarded export caught
//   ll_selftest_exception()  throws inside C++, returns -1: proves (in the
//                     browser test) that exceptions stop at the bridge
//   ll_selftest_frame_exception()  the next frame throws: proves that an
//                     exception escaping a frame is reported on the page and
//                     the instance still answers (no abort)
//   ll_alloc(n), ll_free(p)                  memory for strings JS passes in
//   ll_add_catalog(name, text)               package data fetched by the page
//   ll_add_sample_file(sample, path, text)   one file of assets/samples/<sample>/
//   ll_finish_assets()                       parse them: 0 ok, 1 some failed
//   ll_finish_more_assets()                  parse catalogs added after that (a base's
//                                            image-*.txt, the apt index): 0 ok, 1 some failed
//   ll_missing_catalogs()                    the catalog files a FROM needed that are not
//                                            loaded yet, one per line (assets/catalog/bases.txt)
//   ll_call(method, args_json)               the JS API: 0 ok, 1 refused (bad
//                                            call), -1 exception; the result (or
//                                            the message) is ll_result()
//   ll_result()                              JSON text of the last ll_call
//   ll_set_reduced_motion(on)                the page's prefers-reduced-motion
// Notifications to JS (no-ops natively):
//   Module.layerlabFirstFrame()   once, after the first frame is on screen
//   Module.layerlabError(message) a C++ exception reached the main loop
//   Module.layerlabDocumentChanged(sample, dockerfile, edited)   keep it (localStorage)
//   Module.layerlabShare()        the user asked for a share link
//   Module.layerlabDocumentAction(action, id)   the Documents menu: "open", "delete", "new"
#pragma once
#include <cstdint>
#include <exception>
#include <string>

namespace ll::lab {
class Lab;
}
namespace ll::ui {
struct UiState;
struct UiHooks;
}  // namespace ll::ui

namespace ll::bridge {
// The model and the UI state the exports drive (set once by main()).
void attach(lab::Lab* lab, ui::UiState* ui);
// The platform's hooks for the UI (announce, document changes, share).
ui::UiHooks hooks();

void on_frame_drawn(uint64_t frames, uint64_t painted);
void report_fatal(const char* message);
// Throws once after ll_selftest_frame_exception() (browser test); else nothing.
void frame_selftest();
// Narration for screen readers: text for <div id="live" aria-live="polite">.
void announce(const char* text);

// Natively: read assets/catalog/*.txt and assets/samples/ (index.json) from
// `dir` into the lab, finish, and load the first sample. false + *error when
// the folder cannot be read.
bool load_assets_from_dir(lab::Lab& lab, const std::string& dir, std::string* error);

// Every export that runs C++ logic for JS goes through guarded(): the wasm is
// built with exceptions (-fwasm-exceptions), so an exception becomes the return value -1 (its
// message kept for ll_last_error()) and the instance lives on.
void set_last_error(std::string message);
template <class F>
int guarded(F&& f) noexcept {
    try {
        return f();
    } catch (const std::exception& e) {
        set_last_error(e.what());
    } catch (...) {
        set_last_error("unknown C++ exception");
    }
    return -1;
}
}  // namespace ll::bridge
