// layerlab_app: SDL2 window + OpenGL context + Dear ImGui, then the main loop.
//
//   native:  build/native/layerlab_app [--frames N] [--assets DIR] [--sample NAME] [--bench-files N]
//            GL 3.2 core, "#version 150"; --frames N draws N frames and exits 0;
//            assets (catalogs, samples) are read from DIR (default: the source tree's assets/);
//            --bench-files N loads a synthetic image of N files and prints the UI's ms per frame
//   browser: build/web/dist/ (scripts/serve)
//            GLES 3.0 = WebGL2, "#version 300 es"; the browser drives frame()
#include "app/app.h"
#include "app/bridge.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <exception>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace ll::app {
namespace {

struct Options {
    uint64_t max_frames = 0;
    std::string assets = LAYERLAB_ASSETS_DIR;
    std::string sample;
    uint32_t bench_files = 0;
    const char* screenshot = nullptr;
    std::vector<std::string> exec;  // --exec CMD: run in a container before drawing (screenshots)
    bool run_to_end = false;
    long go_to = -1;     // --goto N: show step N first
    std::string lookup;  // --lookup PATH: start a lookup
    std::string open_image;  // --open-image FILE: an image tar, as the page's file picker opens it
};

bool parse_options(int argc, char** argv, Options& out) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            char* end = nullptr;
            const unsigned long long n = std::strtoull(argv[++i], &end, 10);
            if (end == nullptr || *end != '\0' || n == 0) {
                std::fprintf(stderr, "layerlab_app: --frames needs a positive number\n");
                return false;
            }
            out.max_frames = n;
        } else if (std::strcmp(argv[i], "--assets") == 0 && i + 1 < argc) {
            out.assets = argv[++i];
        } else if (std::strcmp(argv[i], "--sample") == 0 && i + 1 < argc) {
            out.sample = argv[++i];
        } else if (std::strcmp(argv[i], "--screenshot") == 0 && i + 1 < argc) {
            out.screenshot = argv[++i];
        } else if (std::strcmp(argv[i], "--exec") == 0 && i + 1 < argc) {
            out.exec.push_back(argv[++i]);
        } else if (std::strcmp(argv[i], "--goto") == 0 && i + 1 < argc) {
            out.go_to = std::strtol(argv[++i], nullptr, 10);
        } else if (std::strcmp(argv[i], "--lookup") == 0 && i + 1 < argc) {
            out.lookup = argv[++i];
        } else if (std::strcmp(argv[i], "--open-image") == 0 && i + 1 < argc) {
            out.open_image = argv[++i];
        } else if (std::strcmp(argv[i], "--end") == 0) {
            out.run_to_end = true;
        } else if (std::strcmp(argv[i], "--bench-files") == 0 && i + 1 < argc) {
            out.bench_files = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
        } else if (std::strcmp(argv[i], "--help") == 0) {
            std::printf(
                "usage: layerlab_app [--frames N] [--assets DIR] [--sample NAME] [--bench-files N]\n"
                "  --frames N        draw N frames, then exit 0 (smoke tests)\n"
                "  --assets DIR      catalogs and samples (default %s)\n"
                "  --sample NAME     load this sample instead of the first\n"
                "  --bench-files N   show a synthetic image of N files; print the UI's ms per frame\n"
                "  --end             run the build to the end before the first frame\n"
                "  --goto N          show step N first\n"
                "  --lookup PATH     start the lookup of PATH\n"
                "  --open-image FILE open an image tar (docker save, podman save, OCI layout) as the page does\n"
                "  --exec CMD        run CMD in a container first (repeatable)\n"
                "  --screenshot FILE with --frames N: write the last frame as a PNG\n",
                LAYERLAB_ASSETS_DIR);
            std::exit(0);
        } else {
            std::fprintf(stderr, "layerlab_app: unknown option %s (try --help)\n", argv[i]);
            return false;
        }
    }
    return true;
}

bool init_app(App& app) {
#ifdef __EMSCRIPTEN__
    // keys go to SDL only while the canvas has the focus, so the page's own
    // fields (the share-link box) keep their keys
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "layerlab_app: SDL_Init failed: %s\n", SDL_GetError());
        return false;
    }
#ifdef __EMSCRIPTEN__
    // WebGL2 (pitfall 9). No ALLOW_HIGHDPI/RESIZABLE: display.cpp owns the canvas size.
    const char* glsl_version = "#version 300 es";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    const Uint32 window_flags = SDL_WINDOW_OPENGL;
#else
    const char* glsl_version = "#version 150";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    const Uint32 window_flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    app.window = SDL_CreateWindow("layerlab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, window_flags);
    if (app.window == nullptr) {
        std::fprintf(stderr, "layerlab_app: cannot create a window: %s\n", SDL_GetError());
        return false;
    }
    app.gl_context = SDL_GL_CreateContext(app.window);
    if (app.gl_context == nullptr) {
        std::fprintf(stderr, "layerlab_app: cannot create an OpenGL context (WebGL2 / GL 3.2): %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(app.window, app.gl_context);
#ifndef __EMSCRIPTEN__
    SDL_GL_SetSwapInterval(app.max_frames != 0 ? 0 : 1);  // smoke tests need not wait for vsync
#endif

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // the layout is fixed (it follows the window): nothing worth an imgui.ini in the
    // current directory, and the page has no file system anyway
    io.IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplSDL2_InitForOpenGL(app.window, app.gl_context);
    ImGui_ImplOpenGL3_Init(glsl_version);
    sync_display(app);  // sizes + fonts before the first frame
    return true;
}

#ifndef __EMSCRIPTEN__
void shutdown_app(App& app) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    if (app.gl_context != nullptr) SDL_GL_DeleteContext(app.gl_context);
    if (app.window != nullptr) SDL_DestroyWindow(app.window);
    SDL_Quit();
}
#endif

#ifdef __EMSCRIPTEN__
void browser_frame(void* arg) {
    // -fwasm-exceptions: an exception that escapes the UI lands here, is shown
    // by the page, and the wasm instance stays alive (no abort()).
    try {
        bridge::frame_selftest();
        frame(*static_cast<App*>(arg));
    } catch (const std::exception& e) {
        emscripten_cancel_main_loop();
        bridge::report_fatal(e.what());
    } catch (...) {
        emscripten_cancel_main_loop();
        bridge::report_fatal("unknown C++ exception");
    }
}
#endif

}  // namespace
}  // namespace ll::app

int main(int argc, char** argv) {
    using namespace ll::app;
    Options options;
    if (!parse_options(argc, argv, options)) return 2;
    static App app;  // lives as long as the page (the browser loop never returns)
    app.max_frames = options.max_frames;
    app.ui.lab = &app.lab;
    app.ui.hooks = ll::bridge::hooks();
    ll::bridge::attach(&app.lab, &app.ui);
#ifndef __EMSCRIPTEN__
    // natively the assets come from disk; the page fetches them after its first frame
    std::string error;
    if (!ll::bridge::load_assets_from_dir(app.lab, options.assets, &error))
        std::fprintf(stderr, "layerlab_app: %s (try --assets DIR)\n", error.c_str());
    if (!options.sample.empty()) {
        ll::Status st = app.lab.load_sample(options.sample);
        if (!st) std::fprintf(stderr, "layerlab_app: %s\n", st.error().message.c_str());
    }
    if (!options.open_image.empty()) {
        std::ifstream in(options.open_image, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string name = options.open_image.substr(options.open_image.find_last_of('/') + 1);
        ll::Result<std::string> r = in ? app.lab.import_image(bytes, name)
                                       : ll::Result<std::string>(ll::make_error(ll::Errc::enoent, "cannot read the file",
                                                                                {options.open_image}));
        if (!r) {
            std::fprintf(stderr, "layerlab_app: %s\n", r.error().describe().c_str());
            return 1;
        }
        std::printf("layerlab_app: opened %s as %s, %zu layers\n", name.c_str(), r.value().c_str(),
                    app.lab.layers().size());
    }
    if (options.run_to_end) app.lab.run_to_end();
    if (options.go_to >= 0) app.lab.go_to(static_cast<size_t>(options.go_to));
    for (const std::string& c : options.exec) (void)app.lab.exec(c);
    if (!options.lookup.empty()) (void)app.lab.lookup(options.lookup);
    app.screenshot = options.screenshot;
    if (options.bench_files > 0) {
        std::string name = app.lab.add_synthetic_image(options.bench_files);
        app.lab.load("FROM " + name + "\nRUN rm -rf /data/d0000/d0001\n", ll::lab::Files{});
        app.lab.run_to_end();
    }
#endif
    if (!init_app(app)) {
        ll::bridge::report_fatal("the app could not start (see the console)");
        return 1;
    }
#ifdef __EMSCRIPTEN__
    emscripten_set_main_loop_arg(browser_frame, &app, 0, true);
    return 0;
#else
    int status = 0;
    try {
        while (frame(app)) {}
        if (options.bench_files > 0)
            std::printf("layerlab_app: %u files, UI build %.3f ms per frame (smoothed, %llu frames)\n",
                        options.bench_files, static_cast<double>(app.ui.ui_ms),
                        static_cast<unsigned long long>(app.frames));
    } catch (const std::exception& e) {
        ll::bridge::report_fatal(e.what());
        status = 1;
    }
    shutdown_app(app);
    return status;
#endif
}
