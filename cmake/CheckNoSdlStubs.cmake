# cmake -DJS=build/web/dist/layerlab.js -P CheckNoSdlStubs.cmake
# Fails if emscripten's JS library stood in for an SDL function (pitfall 10).
file(READ "${JS}" _js)
string(REGEX MATCHALL "function _SDL_[A-Za-z0-9_]*" _hits "${_js}")
if(_hits)
  list(REMOVE_DUPLICATES _hits)
  string(REPLACE ";" "\n  " _hits "${_hits}")
  message(FATAL_ERROR "layerlab.js contains JS stand-ins for SDL functions missing from our SDL2 build:\n  ${_hits}\nAdd the SDL source file that defines them to cmake/ThirdParty.cmake.")
endif()
message(STATUS "OK: no JS stand-ins for SDL_* in ${JS}")
