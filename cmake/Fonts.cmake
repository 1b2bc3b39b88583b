# Fonts.cmake: the two fonts the app embeds, subset at build time.
#
#   ll_fonts (static library): ll::fonts::ui() -> Inter Regular,
#                              ll::fonts::mono() -> JetBrains Mono Regular
#
# Both are cut down with fontTools' subsetter (Debian python3-fonttools) to
# Latin-1 plus the few symbols the UI draws (arrows, ▲▼◆●○, ✓✗, box drawing,
# dashes, quotes, …), with hinting and OpenType layout tables dropped (ImGui
# neither hints nor kerns). Result: ~21 KB + ~28 KB raw, ~26 KB after gzip -9
# of the wasm, instead of ~460 KB for the full fonts. The bytes are a plain
# const array in the binary: gzip of the .wasm compresses them as well as
# ImGui's stb-compressed format would, and nothing is decoded at start-up.
set(LL_FONT_UNICODES
  "U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-2193,U+2500-259F,U+25A0-25FF,U+2713-2718"
  CACHE STRING "Code points kept in the embedded fonts (keep in sync with src/app/fonts.cpp ranges)")
set(LL_FONT_UI   "/usr/share/fonts/opentype/inter/Inter-Regular.otf")
set(LL_FONT_MONO "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf")
foreach(_f IN ITEMS "${LL_FONT_UI}" "${LL_FONT_MONO}")
  if(NOT EXISTS "${_f}")
    message(FATAL_ERROR "${_f} missing: run scripts/setup (fonts-inter, fonts-jetbrains-mono)")
  endif()
endforeach()
find_program(LL_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT LL_SYSTEM_PYTHON)
  message(FATAL_ERROR "/usr/bin/python3 not found: run scripts/setup")
endif()

set(_fdir "${PROJECT_BINARY_DIR}/fonts")
set(_gen "")
foreach(_pair IN ITEMS "ui;${LL_FONT_UI}" "mono;${LL_FONT_MONO}")
  list(GET _pair 0 _name)
  list(GET _pair 1 _src)
  set(_sub "${_fdir}/${_name}.subset")
  add_custom_command(
    OUTPUT "${_sub}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${_fdir}"
    COMMAND "${LL_SYSTEM_PYTHON}" -m fontTools.subset "${_src}"
            "--unicodes=${LL_FONT_UNICODES}" --layout-features= --no-hinting
            --desubroutinize --name-IDs= --notdef-outline
            --drop-tables+=GSUB,GPOS,GDEF,DSIG,STAT,MVAR,HVAR,kern,FFTM
            "--output-file=${_sub}"
    DEPENDS "${_src}"
    COMMENT "Subsetting font ${_name}"
    VERBATIM)
  add_custom_command(
    OUTPUT "${_fdir}/font_${_name}.cpp"
    COMMAND "${CMAKE_COMMAND}" -DIN=${_sub} -DOUT=${_fdir}/font_${_name}.cpp -DNAME=${_name}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    DEPENDS "${_sub}" "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    COMMENT "Embedding font ${_name}"
    VERBATIM)
  list(APPEND _gen "${_fdir}/font_${_name}.cpp")
endforeach()
add_library(ll_fonts STATIC ${_gen})
target_include_directories(ll_fonts PUBLIC "${PROJECT_SOURCE_DIR}/src")
