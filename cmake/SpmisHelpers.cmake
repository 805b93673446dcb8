# Project-wide compile settings and one-line helpers for libraries, tests and benchmarks.

add_library(spmis_warnings INTERFACE)
target_compile_options(spmis_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 at -O2 reports -Wrestrict inside libstdc++ for `"text" + std::string` (a known false
# positive, gone in GCC 13): eight such warnings filled the demo's Release build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(spmis_warnings INTERFACE -Wno-restrict)
endif()
if(SPMIS_WERROR)
    target_compile_options(spmis_warnings INTERFACE -Werror)
endif()
if(SPMIS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# spmis_add_library(NAME ALIAS SOURCES ...): a component library with include/ public and src/ private.
function(spmis_add_library name alias)
    add_library(${name} ${ARGN})
    add_library(spmis::${alias} ALIAS ${name})
    target_include_directories(${name}
        PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(${name} PRIVATE spmis_warnings)
endfunction()

# spmis_add_test(NAME SOURCES ... LIBS ... LABELS ... [TIMEOUT s]): one GoogleTest executable as one CTest test.
function(spmis_add_test name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock spmis_warnings)
    target_compile_definitions(${name} PRIVATE
        SPMIS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        SPMIS_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT})
endfunction()

# spmis_add_bench(NAME SOURCES ... LIBS ...): a Google Benchmark executable.
function(spmis_add_bench name)
    cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${B_SOURCES})
    target_link_libraries(${name} PRIVATE ${B_LIBS} benchmark::benchmark spmis_warnings)
endfunction()

# spmis_forbid_link(TARGET FORBIDDEN...): fails the configuration when TARGET links any FORBIDDEN
# library, directly or through its dependencies (e.g. the field client must never link the server's
# store: the device is its own component).
function(spmis_forbid_link target)
    set(seen "")
    set(queue ${target})
    while(queue)
        list(POP_FRONT queue current)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" current "${current}")
        if(NOT TARGET ${current} OR current IN_LIST seen)
            continue()
        endif()
        get_target_property(aliased ${current} ALIASED_TARGET)
        if(aliased)
            set(current ${aliased})
        endif()
        list(APPEND seen ${current})
        if(current IN_LIST ARGN)
            message(FATAL_ERROR "${target} must not link ${current}")
        endif()
        foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
            get_target_property(deps ${current} ${property})
            if(deps)
                list(APPEND queue ${deps})
            endif()
        endforeach()
    endwhile()
endfunction()
