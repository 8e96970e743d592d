# Per-target build settings. Nothing here touches the global flag strings: every target of the
# project calls camtwin_target_options() and gets the same warnings and sanitizers.

add_library(camtwin_options INTERFACE)
target_compile_options(camtwin_options INTERFACE
  -Wall -Wextra -Wconversion -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wpedantic
  $<$<BOOL:${CAMTWIN_WARNINGS_AS_ERRORS}>:-Werror>)

if(CAMTWIN_SANITIZE STREQUAL "address-undefined")
  target_compile_options(camtwin_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(camtwin_options INTERFACE -fsanitize=address,undefined)
elseif(CAMTWIN_SANITIZE STREQUAL "thread")
  # -Wno-tsan: GCC warns that TSan does not model std::atomic_thread_fence, which Asio's
  # thread_pool uses; the fence is paired with atomics TSan does see, and the warning would
  # otherwise fail every warnings-as-errors build.
  target_compile_options(camtwin_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer
                         -Wno-tsan)
  target_link_options(camtwin_options INTERFACE -fsanitize=thread)
elseif(NOT CAMTWIN_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CAMTWIN_SANITIZE: unknown value '${CAMTWIN_SANITIZE}'")
endif()

function(camtwin_target_options target)
  target_link_libraries(${target} PRIVATE camtwin_options)
endfunction()
