// text.h: small text helpers shared by the Dockerfile parser and expander.
//
// BuildKit is written in Go, whose string functions think in UTF-8 runes and
// whose unicode.IsSpace also knows NEL, NBSP and the other Unicode spaces. To
// split lines and words exactly where BuildKit does, the parser needs the same
// notions; these helpers provide them without any locale or <regex>.
//
// Invariants: every function is total. Invalid UTF-8 decodes as U+FFFD with a
// length of 1 byte (as Go's utf8.DecodeRuneInString does), so a scan always
// advances and never reads past the end.
//
//     Rune r = decode_rune("\xc2\xa0x", 0);   // r.cp == 0xA0, r.len == 2
//     is_go_space(r.cp);                       // true: Go counts NBSP as space
//     closest_match("COPPY", keywords);        // "COPY"
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll::dockerfile {

struct Rune {
    char32_t cp = 0;
    uint32_t len = 1;  // bytes consumed, always >= 1 when in range
};

// Decodes one rune at s[i] (i < s.size()).
Rune decode_rune(std::string_view s, size_t i);
void append_utf8(std::string& out, char32_t cp);

// Go's unicode.IsSpace.
bool is_go_space(char32_t cp);
// Go's regexp "\s" (ASCII only: \t \n \f \r and space) and BuildKit's
// reWhitespace "[\t\v\f\r ]" used to split words in FROM/EXPOSE/COPY.
inline bool is_re_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
inline bool is_split_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }
// Approximations of unicode.IsLetter / IsDigit: exact for ASCII, and every
// code point >= 0x80 that is not a space, punctuation or symbol block counts
// as a letter (Hangul, CJK, accented Latin...).
bool is_go_letter(char32_t cp);
bool is_go_digit(char32_t cp);

// Byte offsets of the text with leading / trailing Go-spaces removed.
size_t skip_space_left(std::string_view s, size_t begin, size_t end);
size_t skip_space_right(std::string_view s, size_t begin, size_t end);
std::string_view trim_space(std::string_view s);

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// Optimal string alignment distance (Levenshtein plus adjacent swaps), case
// sensitive. Capped: returns cap+1 early when the distance exceeds cap.
size_t edit_distance(std::string_view a, std::string_view b, size_t cap = 64);
// The candidate closest to `word` (compared case-insensitively) when it is
// close enough to be a plausible typo, else "". Used for "did you mean COPY?".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace ll::dockerfile
