# What cmake/EmbedContexts.cmake and cmake/EmbedSchemas.cmake share: both compile a directory
# of files published at URLs (index.json: URL -> file) into the library, each pinned by the
# SHA-256 of the bytes shipped (sha256.json: file -> hex). An edited, replaced or unpinned file
# stops the build instead of changing results unnoticed.

# Reads ${dir}/${file} after checking it against its pin in `pins` (the text of sha256.json);
# sets `literal_var` to the file as a C++ raw string literal with delimiter `delim` (a file
# that contains the delimiter stops the build) and `pin_var` to the pin.
function(credgate_read_pinned dir file pins delim literal_var pin_var)
  get_filename_component(where ${dir} NAME)
  if(NOT EXISTS ${dir}/${file})
    message(FATAL_ERROR "${where}/index.json names ${file}, which is not in ${where}/")
  endif()
  string(JSON pin ERROR_VARIABLE no_pin GET "${pins}" "${file}")
  if(no_pin)
    message(FATAL_ERROR "${where}/sha256.json has no pin for ${file}")
  endif()
  file(SHA256 ${dir}/${file} actual)
  if(NOT actual STREQUAL pin)
    message(FATAL_ERROR "${where}/${file} does not match its pin in sha256.json")
  endif()
  file(READ ${dir}/${file} text)
  string(FIND "${text}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )${delim}\"")
  endif()
  set(${literal_var} "R\"${delim}(${text})${delim}\"" PARENT_SCOPE)
  set(${pin_var} "${pin}" PARENT_SCOPE)
endfunction()

# Writes `body` to `out_file` only when it changed (so nothing recompiles otherwise) and makes
# CMake re-run when one of the files after `body` changes.
function(credgate_write_generated out_file body)
  file(WRITE ${out_file}.tmp "${body}")
  configure_file(${out_file}.tmp ${out_file} COPYONLY)
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARGN})
endfunction()
