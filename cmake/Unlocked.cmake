# Warnings for the project's own targets only.
add_library(unlocked_warnings INTERFACE)
target_compile_options(unlocked_warnings INTERFACE -Wall -Wextra)

# unlocked_add_test(NAME <name> SOURCES <files...> [LIBS <libs...>] [TIMEOUT <s>] [GUI])
# One Qt Test executable per test class. GUI marks a test that shows widgets: it runs on the
# offscreen platform and carries the ctest label "gui" (ctest -L gui / -LE gui).
function(unlocked_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test unlocked_warnings ${ARG_LIBS})
    target_compile_definitions(${ARG_NAME} PRIVATE
        UNLOCKED_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
        UNLOCKED_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    # Calibrations and probe results go to the build tree, never the user's own cache.
    set(env "UNLOCKED_CACHE_DIR=${PROJECT_BINARY_DIR}/test-cache")
    if(ARG_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
        set_tests_properties(${ARG_NAME} PROPERTIES LABELS gui)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
