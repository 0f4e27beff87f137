# Warnings for the project's own targets only.
add_library(unlocked_warnings INTERFACE)
target_compile_options(unlocked_warnings INTERFACE -Wall -Wextra)

# unlocked_add_test(NAME <name> SOURCES <files...> [LIBS <libs...>] [GUI])
# One Qt Test executable per test class; GUI tests run on the offscreen platform.
function(unlocked_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test unlocked_warnings ${ARG_LIBS})
    target_compile_definitions(${ARG_NAME} PRIVATE
        UNLOCKED_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
        UNLOCKED_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    # Calibrations of sized workloads go to the build tree, never the user's own cache.
    set(env "QT_QPA_PLATFORM=offscreen;UNLOCKED_CACHE_DIR=${PROJECT_BINARY_DIR}/test-cache")
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
