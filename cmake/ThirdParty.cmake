# ThirdParty.cmake: every third-party target, the same names on both platforms.
#
#   imgui            Dear ImGui 1.90.x + SDL2 and OpenGL3 backends (Debian source, trixie)
#   SDL2::SDL2       native: libsdl2-dev; wasm: compiled here from Debian's libsdl2 source
#   ZLIB::ZLIB       native: zlib1g-dev;  wasm: compiled here from Debian's zlib source
#   ll_zstd          native: libzstd-dev; wasm: its decompressor compiled here from Debian's libzstd source
#   ll_json          nlohmann-json headers only (a symlink dir, never all of /usr/include)
#   ll_doctest       doctest headers only (same trick)
#
# Sources come from LAYERLAB_DEPS_DIR (default .deps/src, filled by scripts/setup).
# Third-party code is compiled with its warnings silenced (-w).

set(LAYERLAB_DEPS_DIR "${PROJECT_SOURCE_DIR}/.deps/src" CACHE PATH
    "Unpacked Debian source packages (scripts/setup fills it)")

function(ll_find_source out glob what)
  file(GLOB _dirs LIST_DIRECTORIES true "${LAYERLAB_DEPS_DIR}/${glob}")
  list(FILTER _dirs INCLUDE REGEX ".*[^/]$")
  if(NOT _dirs)
    message(FATAL_ERROR "${what} sources not found in ${LAYERLAB_DEPS_DIR}/${glob}: run scripts/setup first")
  endif()
  list(SORT _dirs)
  list(GET _dirs -1 _dir)
  set(${out} "${_dir}" PARENT_SCOPE)
  message(STATUS "layerlab: ${what} from ${_dir}")
endfunction()

# ---------------------------------------------------------------- header-only, by symlink
# Pitfall 7: under emcmake /usr/include is invisible, and adding all of it would
# mix glibc headers into the wasm build. Expose exactly one folder each.
function(ll_header_only_target name header_dir)
  set(_root "${PROJECT_BINARY_DIR}/sysinc/${name}")
  get_filename_component(_leaf "${header_dir}" NAME)
  if(NOT EXISTS "${header_dir}")
    message(FATAL_ERROR "${header_dir} missing: run scripts/setup (Debian package for ${name})")
  endif()
  file(MAKE_DIRECTORY "${_root}")
  if(NOT EXISTS "${_root}/${_leaf}")
    file(CREATE_LINK "${header_dir}" "${_root}/${_leaf}" SYMBOLIC)
  endif()
  add_library(${name} INTERFACE)
  target_include_directories(${name} SYSTEM INTERFACE "${_root}")
endfunction()

ll_header_only_target(ll_json /usr/include/nlohmann)
ll_header_only_target(ll_doctest /usr/include/doctest)

# ---------------------------------------------------------------- SDL2 and zlib
if(EMSCRIPTEN)
  # Pitfall 6: never find_package(SDL2) here (emscripten's stub maps to ports).
  # Like emscripten's own sdl2 port: a fixed file list with SDL_config_emscripten.h,
  # no SDL configure step (which would run ~300 try-compiles).
  ll_find_source(SDL2_SRC "libsdl2-2.*" "SDL2")
  set(_s "${SDL2_SRC}/src")
  set(_sdl_files
    SDL.c SDL_assert.c SDL_dataqueue.c SDL_error.c SDL_guid.c SDL_hints.c SDL_list.c SDL_log.c SDL_utils.c
    atomic/SDL_atomic.c atomic/SDL_spinlock.c
    audio/SDL_audio.c audio/SDL_audiocvt.c audio/SDL_audiodev.c audio/SDL_audiotypecvt.c
    audio/SDL_mixer.c audio/SDL_wave.c
    audio/emscripten/SDL_emscriptenaudio.c audio/disk/SDL_diskaudio.c audio/dummy/SDL_dummyaudio.c
    cpuinfo/SDL_cpuinfo.c dynapi/SDL_dynapi.c
    events/SDL_clipboardevents.c events/SDL_displayevents.c events/SDL_dropevents.c
    events/SDL_events.c events/SDL_gesture.c events/SDL_keyboard.c events/SDL_mouse.c
    events/SDL_quit.c events/SDL_touch.c events/SDL_windowevents.c
    file/SDL_rwops.c
    haptic/SDL_haptic.c haptic/dummy/SDL_syshaptic.c
    joystick/SDL_gamecontroller.c joystick/SDL_joystick.c joystick/controller_type.c
    joystick/virtual/SDL_virtualjoystick.c joystick/emscripten/SDL_sysjoystick.c
    power/SDL_power.c power/emscripten/SDL_syspower.c
    render/SDL_d3dmath.c render/SDL_render.c render/SDL_yuv_sw.c
    render/opengles2/SDL_render_gles2.c render/opengles2/SDL_shaders_gles2.c
    render/software/SDL_blendfillrect.c render/software/SDL_blendline.c
    render/software/SDL_blendpoint.c render/software/SDL_drawline.c render/software/SDL_drawpoint.c
    render/software/SDL_render_sw.c render/software/SDL_rotate.c render/software/SDL_triangle.c
    sensor/SDL_sensor.c sensor/dummy/SDL_dummysensor.c
    stdlib/SDL_crc16.c stdlib/SDL_crc32.c stdlib/SDL_getenv.c stdlib/SDL_iconv.c stdlib/SDL_malloc.c
    stdlib/SDL_qsort.c stdlib/SDL_stdlib.c stdlib/SDL_string.c stdlib/SDL_strtokr.c
    thread/SDL_thread.c thread/generic/SDL_syscond.c thread/generic/SDL_sysmutex.c
    thread/generic/SDL_syssem.c thread/generic/SDL_systhread.c thread/generic/SDL_systls.c
    timer/SDL_timer.c timer/unix/SDL_systimer.c
    video/SDL_RLEaccel.c video/SDL_blit.c video/SDL_blit_0.c video/SDL_blit_1.c video/SDL_blit_A.c
    video/SDL_blit_N.c video/SDL_blit_auto.c video/SDL_blit_copy.c video/SDL_blit_slow.c
    video/SDL_bmp.c video/SDL_clipboard.c video/SDL_egl.c video/SDL_fillrect.c video/SDL_pixels.c
    video/SDL_rect.c video/SDL_shape.c video/SDL_stretch.c video/SDL_surface.c video/SDL_video.c
    video/SDL_vulkan_utils.c video/SDL_yuv.c
    video/emscripten/SDL_emscriptenevents.c video/emscripten/SDL_emscriptenframebuffer.c
    video/emscripten/SDL_emscriptenmouse.c video/emscripten/SDL_emscriptenopengles.c
    video/emscripten/SDL_emscriptenvideo.c
    video/dummy/SDL_nullevents.c video/dummy/SDL_nullframebuffer.c video/dummy/SDL_nullvideo.c
    video/yuv2rgb/yuv_rgb.c
    loadso/dlopen/SDL_sysloadso.c filesystem/emscripten/SDL_sysfilesystem.c main/dummy/SDL_dummy_main.c
    locale/SDL_locale.c locale/emscripten/SDL_syslocale.c
    misc/SDL_url.c misc/emscripten/SDL_sysurl.c
  )
  set(_sdl_paths "")
  foreach(f IN LISTS _sdl_files)
    if(EXISTS "${_s}/${f}")
      list(APPEND _sdl_paths "${_s}/${f}")
    endif()
  endforeach()
  add_library(ll_sdl2 STATIC ${_sdl_paths})
  target_include_directories(ll_sdl2 SYSTEM PUBLIC "${SDL2_SRC}/include")
  target_compile_options(ll_sdl2 PRIVATE -w)
  # SDL's own footprint switch (src/SDL_internal.h): no optimized software blitters, no
  # RLE, no software renderer, no YUV. The page draws with WebGL2 and never blits a surface.
  target_compile_definitions(ll_sdl2 PRIVATE SDL_LEAN_AND_MEAN=1)
  add_library(SDL2::SDL2 ALIAS ll_sdl2)

  ll_find_source(ZLIB_SRC "zlib-1.*" "zlib")
  set(_zlib_files adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c gzwrite.c
                  infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c)
  list(TRANSFORM _zlib_files PREPEND "${ZLIB_SRC}/")
  add_library(ll_zlib STATIC ${_zlib_files})
  target_include_directories(ll_zlib SYSTEM PUBLIC "${ZLIB_SRC}")
  target_compile_options(ll_zlib PRIVATE -w)
  target_compile_definitions(ll_zlib PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)
  add_library(ZLIB::ZLIB ALIAS ll_zlib)

  # zstd: only the decompressor (layers are read, never written, as zstd):
  # lib/common + lib/decompress, without the x86-64 assembly and the legacy
  # formats (zstd's own lib/README.md lists these as the decompression-only set),
  # and with its size-over-speed switches (the same README's "modular build"):
  # one Huffman decoder and the short-sequence decoder. Measured alone with
  # emcc -Oz: 21.2 KiB gzip -> 17.0 KiB.
  ll_find_source(ZSTD_SRC "libzstd-1.*" "zstd")
  file(GLOB _zstd_files "${ZSTD_SRC}/lib/common/*.c" "${ZSTD_SRC}/lib/decompress/*.c")
  add_library(ll_zstd STATIC ${_zstd_files})
  target_include_directories(ll_zstd SYSTEM PUBLIC "${ZSTD_SRC}/lib")
  target_compile_options(ll_zstd PRIVATE -w)
  target_compile_definitions(ll_zstd PRIVATE ZSTD_DISABLE_ASM ZSTD_LEGACY_SUPPORT=0 HUF_FORCE_DECOMPRESS_X1
                                             ZSTD_FORCE_DECOMPRESS_SEQUENCES_SHORT)
else()
  find_package(SDL2 CONFIG REQUIRED)
  if(NOT TARGET SDL2::SDL2)
    # Debian's config also provides SDL2::SDL2; keep a fallback for odd setups
    add_library(SDL2::SDL2 INTERFACE IMPORTED)
    target_include_directories(SDL2::SDL2 INTERFACE ${SDL2_INCLUDE_DIRS})
    target_link_libraries(SDL2::SDL2 INTERFACE ${SDL2_LIBRARIES})
  endif()
  find_package(ZLIB REQUIRED)
  find_path(ZSTD_INCLUDE_DIR zstd.h)
  find_library(ZSTD_LIBRARY zstd)
  if(NOT ZSTD_INCLUDE_DIR OR NOT ZSTD_LIBRARY)
    message(FATAL_ERROR "zstd.h or libzstd not found: run scripts/setup (Debian package libzstd-dev)")
  endif()
  add_library(ll_zstd INTERFACE)
  target_include_directories(ll_zstd SYSTEM INTERFACE "${ZSTD_INCLUDE_DIR}")
  target_link_libraries(ll_zstd INTERFACE "${ZSTD_LIBRARY}")
endif()

# ---------------------------------------------------------------- Dear ImGui
ll_find_source(IMGUI_SRC "imgui-1.90*" "Dear ImGui")
add_library(imgui STATIC
  "${IMGUI_SRC}/imgui.cpp" "${IMGUI_SRC}/imgui_draw.cpp" "${IMGUI_SRC}/imgui_tables.cpp"
  "${IMGUI_SRC}/imgui_widgets.cpp" "${IMGUI_SRC}/imgui_demo.cpp"
  "${IMGUI_SRC}/backends/imgui_impl_sdl2.cpp" "${IMGUI_SRC}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_SRC}" "${IMGUI_SRC}/backends")
target_link_libraries(imgui PUBLIC SDL2::SDL2)
target_compile_options(imgui PRIVATE -w)
target_compile_definitions(imgui PUBLIC
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_OBSOLETE_KEYIO
  # the demo window costs ~134 KB gzip: debug builds only
  $<$<NOT:$<CONFIG:Debug>>:IMGUI_DISABLE_DEMO_WINDOWS>)
if(EMSCRIPTEN)
  # pitfall 9: WebGL2 = GLES 3.0, not ImGui's WebGL1 default
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
else()
  # the GL3 backend loads its functions itself (imgui_impl_opengl3_loader.h, dlopen)
  target_link_libraries(imgui PUBLIC ${CMAKE_DL_LIBS})
endif()
