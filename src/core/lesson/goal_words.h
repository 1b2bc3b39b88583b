// goal_words.h: the words a goal's parts are read in (goal_parse.cpp makes a
// part's text with them, goal_eval.cpp its reasons), so a check and its
// reason always name things the same way.
#pragma once
#include <string>

#include "core/lesson/goal.h"

namespace ll::lesson {

// "at most", "less than", "exactly", ...
const char* op_words(Op op);
// "60MiB" -> "60 MiB" (the unit set off by a space)
std::string quantity_text(const std::string& word);
// A number check's sentence with `value` in it: "the image is {value}",
// "{value} steps come from the cache" (singular when `one`).
std::string number_sentence(const Check& c, const std::string& value, bool one);
// "the image", "the container", "the 2nd container", "the top layer", "layer 2"
std::string object_words(const Check& c);
// The part's text when the goal file gives none: "the image is at most 60 MiB".
std::string describe(const Check& c, bool negate);

}  // namespace ll::lesson
