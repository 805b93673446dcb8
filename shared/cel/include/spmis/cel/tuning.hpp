#pragma once
// Tunables of the CEL rule engine: the bounds that keep any rule, however hostile, finite.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace spmis::tuning {

// CEL rule engine
// Longest rule source accepted, in bytes; longer input is refused before lexing.
inline constexpr std::size_t kCelMaxSourceBytes = 1 << 20;
// Deepest expression nesting accepted by the parser (bounds recursion in parser and evaluator).
inline constexpr int kCelMaxNestingDepth = 250;
// Tallest expression tree accepted (long operator chains), bounding evaluator recursion.
inline constexpr std::uint32_t kCelMaxTreeHeight = 500;
// Maps larger than this get a hash index; smaller ones are searched linearly.
inline constexpr std::size_t kCelMapIndexThreshold = 16;
// Regular expressions compiled at run time are cached per program up to this many.
inline constexpr std::size_t kCelRegexCacheSize = 64;
// Comprehension iterations allowed in one evaluation; beyond it the result is an error, so
// nested macros over literal lists cannot run for hours.
inline constexpr std::uint64_t kCelMaxIterations = 1'000'000;
// Largest string or bytes value and longest list an evaluation may build (beyond: an error
// value, so doubling tricks cannot exhaust memory).
inline constexpr std::size_t kCelMaxStringBytes = 16 << 20;
inline constexpr std::size_t kCelMaxListElements = 1 << 20;
// Largest precision accepted by the strings extension's format ("%.3f"): beyond it an error, so
// "%.999999999f" cannot allocate a gigabyte of zeros.
inline constexpr int kCelMaxFormatPrecision = 100;
// Batch evaluation: registrants per work chunk handed to a thread, and errors kept in the report.
inline constexpr std::size_t kCelBatchChunk = 4096;
inline constexpr std::size_t kCelBatchMaxReportedErrors = 5;

}  // namespace spmis::tuning
