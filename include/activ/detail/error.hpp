// How activ reports a bad call (sizes that differ, partial overlap, a null
// pointer with a count, a parameter out of range): before anything is
// written, with a message "activ::<call>: <what>".
//
// With exceptions (the default): std::invalid_argument carrying the message.
// Built with -fno-exceptions: ACTIV_ERROR_HANDLER(message) is called with the
// message as a const char*; it must not return. Define it before including
// activ to route errors into your own logging; the default prints the message
// to stderr and aborts.
#pragma once

#include <string>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define ACTIV_HAS_EXCEPTIONS 1
#include <stdexcept>
#else
#define ACTIV_HAS_EXCEPTIONS 0
#include <cstdio>
#include <cstdlib>
#endif

#if !ACTIV_HAS_EXCEPTIONS && !defined(ACTIV_ERROR_HANDLER)
#define ACTIV_ERROR_HANDLER(message) \
  (std::fputs(message, stderr), std::fputc('\n', stderr), std::abort())
#endif

namespace activ::detail {

[[noreturn]] inline void raise(const std::string& message) {
#if ACTIV_HAS_EXCEPTIONS
  throw std::invalid_argument(message);
#else
  ACTIV_ERROR_HANDLER(message.c_str());
  std::abort();  // the handler must not return
#endif
}

}  // namespace activ::detail
