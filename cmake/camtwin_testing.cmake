# Registers a Catch2 test binary with ctest. Every test gets the component's label; tests tagged
# [slow] also get the label "slow" and a longer timeout, so `ctest -LE slow` is the quick loop
# and scripts/test runs them all. Tests tagged [browser] (headless Chromium playing video, whose
# dropped-frame counts suffer when tests beside it load the machine) are slow too and run alone.
function(camtwin_discover_tests target label)
  catch_discover_tests(${target} TEST_SPEC "~[slow]" PROPERTIES LABELS ${label} TIMEOUT 120)
  catch_discover_tests(${target} TEST_SPEC "[slow]~[browser]" TEST_LIST ${target}_slow_tests
                       PROPERTIES TIMEOUT 300)
  catch_discover_tests(${target} TEST_SPEC "[browser]" TEST_LIST ${target}_browser_tests
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)

  # A label list cannot pass through catch_discover_tests' PROPERTIES (it is split on the way),
  # so the slow tests get their two labels from a file ctest includes after the discovered tests.
  set(labels_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_slow_labels.cmake)
  file(WRITE ${labels_file}
       "foreach(list IN ITEMS ${target}_slow_tests ${target}_browser_tests)\n"
       "  if(\${list})\n"
       "    set_tests_properties(\${\${list}} PROPERTIES LABELS \"${label};slow\")\n"
       "  endif()\n"
       "endforeach()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_file})
endfunction()
