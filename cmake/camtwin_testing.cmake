# Registers a Catch2 test binary with ctest. Every test gets the component's label; tests tagged
# [slow] also get the label "slow" and a longer timeout, so `ctest -LE slow` is the quick loop
# and scripts/test runs them all.
function(camtwin_discover_tests target label)
  catch_discover_tests(${target} TEST_SPEC "~[slow]" PROPERTIES LABELS ${label} TIMEOUT 120)
  catch_discover_tests(${target} TEST_SPEC "[slow]" TEST_LIST ${target}_slow_tests
                       PROPERTIES TIMEOUT 300)

  # A label list cannot pass through catch_discover_tests' PROPERTIES (it is split on the way),
  # so the slow tests get their two labels from a file ctest includes after the discovered tests.
  set(labels_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_slow_labels.cmake)
  file(WRITE ${labels_file}
       "if(${target}_slow_tests)\n"
       "  set_tests_properties(\${${target}_slow_tests} PROPERTIES LABELS \"${label};slow\")\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_file})
endfunction()
