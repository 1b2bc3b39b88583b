# ll_warnings(target): the warning set for OUR code only (third-party uses -w).
# Not errors for now; the aim is a clean build.
function(ll_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion)
endfunction()
