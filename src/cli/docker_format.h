// docker_format.h: printing the way the docker CLI (and dive) print, for the
// commands that mimic them (history, inspect --format docker, inspect --ci).
//
// Each helper follows one function of the Go tools, named beside it; the
// rules were read from their sources (nothing copied):
//   human_size       go-units HumanSizeWithPrecision(size, 3): decimal
//                    units, "%.3g" + unit: 105MB, 1.23kB, 0B (docker history)
//   humanize_bytes   go-humanize Bytes: "1.2 MB", "45 kB", "5 B" (dive)
//   human_duration   go-units HumanDuration: "5 days", "About an hour"
//   ellipsis         docker/cli formatter.Ellipsis: cut to N columns with "…"
//   TabWriter        Go text/tabwriter as docker/cli sets it up for tables
//                    (minwidth 10, padding 3, spaces): cells end at '\t'
//   Template         the subset of Go templates `--format` strings use:
//                    text, {{.Field}}, {{json .Field}}, {{json .}}, and the
//                    "table " prefix with its header row
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ll::cli {

std::string human_size(uint64_t bytes);
std::string humanize_bytes(uint64_t bytes);
std::string human_duration(int64_t seconds);
std::string ellipsis(std::string_view s, size_t max_columns);

// Seconds since the epoch of an RFC 3339 time ("2024-05-01T10:00:00.5Z",
// "...+02:00"); nullopt when it is empty or not one.
std::optional<int64_t> parse_rfc3339(std::string_view s);
// Go's time.Unix(t, 0).Format(time.RFC3339) in the local time zone
// ("2024-05-01T10:00:00Z" under TZ=UTC).
std::string format_rfc3339_local(int64_t seconds);

// A JSON string as Go's encoding/json writes it with SetEscapeHTML(false):
// \" \\ \n \r \t, other control characters as \u00XX, U+2028/2029 escaped.
std::string go_json_quote(std::string_view s);

class TabWriter {
public:
    void line(const std::string& l) { m_lines.push_back(l); }
    std::string str() const;

private:
    std::vector<std::string> m_lines;
};

// A parsed --format template. Fields are looked up by name in a map of
// strings (what docker's formatter contexts return: every field is text).
class Template {
public:
    // Parses `format` after "table " and "\t"/"\n" handling; an error says
    // where, in the words of Go's text/template where it can.
    static std::optional<Template> parse(std::string_view format, std::string& error);
    bool is_table() const { return m_table; }
    // Renders one row. `fields` holds every field the context has; an
    // unknown field is an error (Go: "can't evaluate field X").
    std::optional<std::string> render(const std::map<std::string, std::string>& fields, std::string& error) const;
    // The header row: each {{.Field}} replaced by headers[Field].
    std::string header(const std::map<std::string, std::string>& headers) const;

private:
    struct Part {
        enum Kind { text, field, json_field, json_all } kind = text;
        std::string value;  // the text, or the field name
        size_t column = 0;  // where the action starts (for errors)
    };
    std::vector<Part> m_parts;
    bool m_table = false;
};

}  // namespace ll::cli
