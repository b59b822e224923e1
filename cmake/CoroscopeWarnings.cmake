# Warnings for coroscope's own targets. Applied per target, never globally, so
# that LLVM's headers (included as SYSTEM) and third-party code stay quiet.
function(coroscope_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
    -Wno-unused-parameter)
  if(COROSCOPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
