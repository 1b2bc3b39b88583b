// json_array.h: the JSON (exec) form of RUN/CMD/ENTRYPOINT/SHELL/COPY/...
//
// BuildKit decides between exec form and shell form with Go's
// json.Unmarshal into []any: the whole argument text must be one valid JSON
// value (an array, since it starts with '['), followed only by JSON
// whitespace. Then every element must be a string.
//
//     ["a", "b"]       ok, {"a", "b"}
//     ["a", 1]         valid JSON but not all strings: an error in BuildKit
//     ["a", 'b']       not JSON at all: the text is shell form
//
// Strings are decoded as Go does: \uXXXX (with surrogate pairs), and any
// invalid UTF-8 or lone surrogate becomes U+FFFD.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ll::dockerfile {

struct JsonArray {
    enum class Status : uint8_t { ok, not_json, not_strings };
    Status status = Status::not_json;
    std::vector<std::string> items;                      // when ok
    std::vector<std::pair<size_t, size_t>> item_ranges;  // [begin, end) of each literal in the input
    size_t error_offset = 0;                             // not_json / not_strings: where
};

JsonArray parse_json_array(std::string_view text);

}  // namespace ll::dockerfile
