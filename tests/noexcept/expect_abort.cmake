# cmake -DEXE=<program> -DARG=<case> -DEXPECT=<text> -P expect_abort.cmake
# Passes when the program fails (activ's default error handler aborts) and
# its output contains EXPECT; ctest itself counts an abort as a failure even
# with PASS_REGULAR_EXPRESSION.
execute_process(COMMAND "${EXE}" "${ARG}" RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}${err}" "${EXPECT}" at)
if(result EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "expected a failure printing '${EXPECT}', got result '${result}' and:\n${out}${err}")
endif()
message(STATUS "failed as expected (${result}): ${EXPECT}")
