# Web.cmake: how the wasm app is linked and what goes into build/web/dist.
#
# dist/ is exactly what the page downloads: our shell (web/*), layerlab.js and
# layerlab.wasm. Nothing is preloaded into the Emscripten FS: big data files
# (assets/) are fetched by JS after the first frame (see assets/README.md).
option(LAYERLAB_SPLIT_WASM "Split the page's wasm: the first frame's code, the rest after it" ON)
set(LAYERLAB_DIST_DIR "${PROJECT_BINARY_DIR}/dist" CACHE PATH "Web output folder (served as /)")

function(ll_web_app target)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME layerlab
    SUFFIX ".js"                                # pitfall 5: never link straight to .html
    RUNTIME_OUTPUT_DIRECTORY "${LAYERLAB_DIST_DIR}")
  target_link_options(${target} PRIVATE
    -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 # pitfall 9: WebGL2 only
    -sALLOW_MEMORY_GROWTH=1
    -sENVIRONMENT=web
    -sFILESYSTEM=0                              # no Emscripten FS in the page
    -sEXPORTED_RUNTIME_METHODS=[]
    $<$<CONFIG:Release,MinSizeRel>:-sASSERTIONS=0>
    $<$<BOOL:${LAYERLAB_SPLIT_WASM}>:-sSPLIT_MODULE=1>
  )
  # Two modules (issue 14, the first download): what the first frames run, and
  # the rest (layerlab.deferred.wasm, fetched after the first frame). emcc
  # -sSPLIT_MODULE=1 leaves an instrumented module and the original; the script
  # runs the instrumented page in headless Chromium for its first frames and
  # splits the original by that profile with binaryen's wasm-split.
  if(LAYERLAB_SPLIT_WASM)
    find_program(LL_NODE_SPLIT node PATHS /usr/bin NO_CMAKE_FIND_ROOT_PATH)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND "${LL_NODE_SPLIT}" "${PROJECT_SOURCE_DIR}/scripts/lib/split-wasm.mjs" "${LAYERLAB_DIST_DIR}"
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" VERBATIM)
  endif()
  # No FILE* use in ImGui on the web (no imgui.ini): saves code and FS stubs
  target_compile_definitions(${target} PRIVATE LAYERLAB_WEB=1)

  # our HTML shell, copied whenever a file in web/ changes
  file(GLOB _web CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/web/*")
  set(_out "")
  foreach(f IN LISTS _web)
    get_filename_component(n "${f}" NAME)
    add_custom_command(OUTPUT "${LAYERLAB_DIST_DIR}/${n}"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${f}" "${LAYERLAB_DIST_DIR}/${n}"
      DEPENDS "${f}" VERBATIM)
    list(APPEND _out "${LAYERLAB_DIST_DIR}/${n}")
  endforeach()
  # assets/** -> dist/assets/**: served beside the app, fetched by JS after the
  # first frame (never preloaded, so they cost nothing before the first frame)
  file(GLOB_RECURSE _assets CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}/assets" "${PROJECT_SOURCE_DIR}/assets/*")
  foreach(rel IN LISTS _assets)
    add_custom_command(OUTPUT "${LAYERLAB_DIST_DIR}/assets/${rel}"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${PROJECT_SOURCE_DIR}/assets/${rel}"
              "${LAYERLAB_DIST_DIR}/assets/${rel}"
      DEPENDS "${PROJECT_SOURCE_DIR}/assets/${rel}" VERBATIM)
    list(APPEND _out "${LAYERLAB_DIST_DIR}/assets/${rel}")
  endforeach()
  add_custom_target(web_shell ALL DEPENDS ${_out})
  add_dependencies(${target} web_shell)

  # FILE.gz and FILE.br beside every file of dist/ (scripts/lib/precompress.mjs:
  # only stale ones are rewritten), which scripts/serve sends with the right
  # Content-Encoding. Runs on every build; cheap when nothing changed.
  find_program(LL_NODE_PRECOMPRESS node PATHS /usr/bin NO_CMAKE_FIND_ROOT_PATH)
  add_custom_target(web_precompress ALL
    COMMAND "${LL_NODE_PRECOMPRESS}" "${PROJECT_SOURCE_DIR}/scripts/lib/precompress.mjs" "${LAYERLAB_DIST_DIR}"
    COMMENT "" VERBATIM)
  add_dependencies(web_precompress ${target} web_shell)
endfunction()
