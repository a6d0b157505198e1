# kiosk_add_test(NAME name SOURCES a.cpp b.cpp LIBS lib1 lib2 [TIMEOUT s] [SERIAL])
# One doctest executable; each TEST_CASE becomes its own CTest test.
add_library(kiosk_doctest_main STATIC ${CMAKE_SOURCE_DIR}/tests/support/doctest_main.cpp
  ${CMAKE_SOURCE_DIR}/tests/support/run_process.cpp)
target_link_libraries(kiosk_doctest_main PUBLIC doctest::doctest)
target_include_directories(kiosk_doctest_main PUBLIC ${CMAKE_SOURCE_DIR}/tests/support)

function(kiosk_add_test)
  cmake_parse_arguments(T "SERIAL" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  target_link_libraries(${T_NAME} PRIVATE kiosk_doctest_main ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    KIOSK_BIN_DIR="${CMAKE_BINARY_DIR}/bin" KIOSK_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data" ${KIOSK_SOURCE_DIR_DEF})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set(props TIMEOUT ${T_TIMEOUT})
  if(T_SERIAL)
    list(APPEND props RUN_SERIAL TRUE)
  endif()
  doctest_discover_tests(${T_NAME} TEST_PREFIX "${T_NAME}: " PROPERTIES ${props})
endfunction()
