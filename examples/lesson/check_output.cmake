# Runs a lesson program and compares what it prints with its expected-output
# file, which is the output the lesson prints.
#
#   cmake -DPROGRAM=<program> -DEXPECTED=<file.expected> [-DEXIT_CODE=<status>]
#         [-DNORMALISE=<name>[,<name>...]] [-DELAPSED=<seconds>] -P check_output.cmake
#
# stdout and stderr are compared together, merged in the order the program
# wrote them (the programs write stdout line-buffered), since the lesson
# shows tracebacks and reports in line with the output. The exit status must
# be EXIT_CODE (default 0).
#
# Normalisations, applied to the program's output only, and only where the
# lesson itself says that the output may vary:
#   sorted    "Output (order may vary)": the lines are compared as a sorted
#             list, so each expected line must appear exactly once.
#   elapsed   printed elapsed times ("0.503s"): a time of at least ELAPSED
#             seconds (what the program slept, as the lesson prints it) is
#             written as ELAPSED; a shorter one is left, and fails.
#   temp-dir  "Working in: /tmp/work_xxxxx": the directory and the random
#             suffix of a temporary directory's name become the lesson's.
cmake_minimum_required(VERSION 3.20)

foreach(var PROGRAM EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_output.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT DEFINED EXIT_CODE OR EXIT_CODE STREQUAL "")
  set(EXIT_CODE 0)
endif()
string(REPLACE "," ";" NORMALISE "${NORMALISE}")

execute_process(COMMAND ${PROGRAM}
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)

if("elapsed" IN_LIST NORMALISE)
  string(REGEX MATCHALL "[0-9]+\\.[0-9][0-9][0-9]s" times "${output}")
  foreach(time IN LISTS times)
    string(REGEX REPLACE "s$" "" seconds "${time}")
    if(seconds GREATER_EQUAL ELAPSED)
      string(REPLACE "${time}" "${ELAPSED}s" output "${output}")
    endif()
  endforeach()
endif()
if("temp-dir" IN_LIST NORMALISE)
  string(REGEX REPLACE "Working in: [^\n]*/work_[A-Za-z0-9]+" "Working in: /tmp/work_xxxxx"
         output "${output}")
endif()
if("sorted" IN_LIST NORMALISE)
  foreach(text output expected)
    string(REGEX REPLACE "\n$" "" ${text} "${${text}}")
    string(REPLACE ";" "\\;" ${text} "${${text}}")
    string(REPLACE "\n" ";" lines "${${text}}")
    list(SORT lines)
    list(JOIN lines "\n" ${text})
    string(APPEND ${text} "\n")
  endforeach()
endif()

set(failed FALSE)
if(NOT status STREQUAL EXIT_CODE)
  message(SEND_ERROR "${PROGRAM} exited with ${status}, expected ${EXIT_CODE}")
  set(failed TRUE)
endif()
if(NOT output STREQUAL expected)
  message(SEND_ERROR "${PROGRAM} printed\n${output}\nexpected (${EXPECTED})\n${expected}")
  set(failed TRUE)
endif()
if(NOT failed)
  message(STATUS "output matches ${EXPECTED}")
endif()
