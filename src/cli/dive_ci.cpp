// dive_ci.cpp: see dive_ci.h.
#include "cli/dive_ci.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "cli/common.h"
#include "cli/docker_format.h"
#include "core/dive.h"

namespace ll::cli {

namespace {

const char* const k_rule_names[] = {"highestUserWastedPercent", "highestWastedBytes", "lowestEfficiency"};  // sorted

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(std::string_view s) {
    size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
    return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

// Go's %v of a float64: the shortest text that reads back the same, with an
// exponent below 1e-4 and from 1e21 on.
std::string go_float(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char b[64];
    double a = std::fabs(v);
    auto fmt = (a != 0 && (a < 1e-4 || a >= 1e21)) ? std::chars_format::scientific : std::chars_format::fixed;
    auto r = std::to_chars(b, b + sizeof b, v, fmt);
    return std::string(b, r.ptr);
}

// strconv.ParseFloat's acceptance, roughly: a decimal number, nothing else.
std::optional<double> parse_float(const std::string& s, std::string& error) {
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        error = "invalid config value ('" + s + "'): strconv.ParseFloat: parsing \"" + s + "\": invalid syntax";
        return std::nullopt;
    }
    return v;
}

// The `rules:` mapping of a .dive-ci YAML file (keys case-insensitive, as
// viper reads them). Only that shape is read; anything else is an error
// naming the line.
bool read_rules_yaml(const std::string& text, const std::string& name, std::map<std::string, std::string>& rules,
                     std::string& error) {
    std::istringstream in(text);
    std::string line;
    bool in_rules = false;
    for (int n = 1; std::getline(in, line); ++n) {
        size_t hash = std::string::npos;
        char quote = 0;
        for (size_t i = 0; i < line.size(); ++i) {
            if (quote) {
                if (line[i] == quote) quote = 0;
            } else if (line[i] == '"' || line[i] == '\'') {
                quote = line[i];
            } else if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                hash = i;
                break;
            }
        }
        std::string body = line.substr(0, hash);
        if (trim(body).empty()) continue;
        bool indented = body[0] == ' ' || body[0] == '\t';
        size_t colon = body.find(':');
        if (colon == std::string::npos) {
            error = name + ":" + std::to_string(n) + ": expected 'key: value' (dive reads this file as YAML)";
            return false;
        }
        std::string key = lower(trim(body.substr(0, colon))), value = trim(body.substr(colon + 1));
        if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0])
            value = value.substr(1, value.size() - 2);
        if (!indented) {
            in_rules = key == "rules";
            continue;
        }
        if (in_rules) rules[key] = value;
    }
    return true;
}

struct RuleResult {
    std::string status;  // PASS FAIL SKIP MISCONFIGURED
    std::string message;
};

std::string validate(const std::string& rule, const std::string& value) {
    std::string error;
    if (rule == "highestWastedBytes") {
        parse_bytes(value, error);
        return error;
    }
    auto v = parse_float(value, error);
    if (!v) return error;
    if (*v < 0 || *v > 1) return rule + " config value is outside allowed range (0-1), given '" + value + "'";
    return "";
}

RuleResult evaluate(const std::string& rule, const std::string& value, const DiveAnalysis& a) {
    std::string error;
    if (rule == "lowestEfficiency") {
        double t = *parse_float(value, error);
        if (t > a.efficiency)
            return {"FAIL", "image efficiency is too low (efficiency=" + go_float(a.efficiency) +
                                " < threshold=" + go_float(t) + ")"};
    } else if (rule == "highestWastedBytes") {
        uint64_t t = *parse_bytes(value, error);
        if (a.wasted > t)
            return {"FAIL", "too many bytes wasted (wasted-bytes=" + std::to_string(a.wasted) +
                                " > threshold=" + std::to_string(t) + ")"};
    } else {
        double t = *parse_float(value, error);
        if (t < a.user_wasted_percent)
            return {"FAIL", "too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=" +
                                go_float(a.user_wasted_percent) + " > threshold=" + go_float(t) + ")"};
    }
    return {"PASS", ""};
}

}  // namespace

std::optional<uint64_t> parse_bytes(std::string_view s, std::string& error) {
    size_t digits = 0;
    bool comma = false;
    while (digits < s.size() && (std::isdigit(static_cast<unsigned char>(s[digits])) || s[digits] == '.' || s[digits] == ',')) {
        comma = comma || s[digits] == ',';
        ++digits;
    }
    std::string num(s.substr(0, digits));
    if (comma) num.erase(std::remove(num.begin(), num.end(), ','), num.end());
    double f = 0;
    auto r = std::from_chars(num.data(), num.data() + num.size(), f);
    if (num.empty() || r.ec != std::errc() || r.ptr != num.data() + num.size()) {
        error = "invalid config value ('" + std::string(s) + "'): strconv.ParseFloat: parsing \"" + num +
                "\": invalid syntax";
        return std::nullopt;
    }
    static const std::map<std::string, double> table = {
        {"", 1}, {"b", 1}, {"k", 1e3}, {"kb", 1e3}, {"ki", 1024.0}, {"kib", 1024.0},
        {"m", 1e6}, {"mb", 1e6}, {"mi", 1048576.0}, {"mib", 1048576.0},
        {"g", 1e9}, {"gb", 1e9}, {"gi", 1073741824.0}, {"gib", 1073741824.0},
        {"t", 1e12}, {"tb", 1e12}, {"ti", 1099511627776.0}, {"tib", 1099511627776.0},
        {"p", 1e15}, {"pb", 1e15}, {"pi", 1125899906842624.0}, {"pib", 1125899906842624.0},
        {"e", 1e18}, {"eb", 1e18}, {"ei", 1152921504606846976.0}, {"eib", 1152921504606846976.0}};
    std::string extra = lower(trim(s.substr(digits)));
    auto it = table.find(extra);
    if (it == table.end()) {
        error = "invalid config value ('" + std::string(s) + "'): unhandled size name: " + extra;
        return std::nullopt;
    }
    f *= it->second;
    if (f >= 18446744073709551615.0) {
        error = "invalid config value ('" + std::string(s) + "'): too large: " + std::string(s);
        return std::nullopt;
    }
    return uint64_t(f);
}

int run_dive_ci(const ImportedImage& im, const Store& store, const CiOptions& opts, std::ostream& out,
                std::ostream& err) {
    std::map<std::string, std::string> values = {
        {"lowestEfficiency", "0.9"}, {"highestWastedBytes", "disabled"}, {"highestUserWastedPercent", "0.1"}};
    std::error_code ec;
    if (opts.config_given || std::filesystem::exists(opts.config_path, ec)) {
        std::string text, error;
        if (!read_file(opts.config_path, text)) {
            err << "layerlab inspect: " << opts.config_path << ": cannot read the CI config\n";
            return 2;
        }
        std::map<std::string, std::string> rules;
        if (!read_rules_yaml(text, opts.config_path, rules, error)) {
            err << "layerlab inspect: " << error << '\n';
            return 2;
        }
        for (auto& [name, v] : values)
            if (auto it = rules.find(lower(name)); it != rules.end()) v = it->second;
        err << "layerlab: CI rules from " << opts.config_path << '\n';
    }
    for (const auto& [name, v] : opts.flags) values[name] = v;

    DiveAnalysis a = dive_analysis(im.image, store.paths, store.blobs);
    char b[96];
    std::snprintf(b, sizeof b, "  efficiency: %2.4f %%\n", a.efficiency * 100);
    out << b << "  wastedBytes: " << a.wasted << " bytes (" << humanize_bytes(a.wasted) << ")\n";
    std::snprintf(b, sizeof b, "  userWastedPercent: %2.4f %%\n", a.user_wasted_percent * 100);
    out << b;

    std::map<std::string, RuleResult> results;
    bool misconfigured = false;
    for (const char* rule : k_rule_names) {  // dive's first pass: what each rule's value says
        const std::string& v = values[rule];
        if (v == "disabled") {
            results[rule] = {"CONFIGURED   ", "rule disabled"};
        } else if (std::string e = validate(rule, v); !e.empty()) {
            results[rule] = {"MISCONFIGURED", e};
            misconfigured = true;
        } else {
            results[rule] = {"CONFIGURED   ", "test"};
        }
    }
    int passed = 0, failed = 0, skipped = 0;
    for (const char* rule : k_rule_names) {
        const std::string& v = values[rule];
        if (v == "disabled") {
            results[rule] = {"SKIP", "rule disabled"};
            ++skipped;
        } else if (!misconfigured) {
            results[rule] = evaluate(rule, v, a);
            ++(results[rule].status == "PASS" ? passed : failed);
        }
    }
    out << "Inefficient Files:\n";
    std::snprintf(b, sizeof b, "%5s  %12s  %s\n", "Count", "Wasted Space", "File Path");
    out << b;
    // dive collects the files only once the rules are sound
    if (a.inefficient.empty() || misconfigured) out << "None\n";
    for (const DiveFile& f : misconfigured ? std::vector<DiveFile>{} : a.inefficient) {
        std::snprintf(b, sizeof b, "%5u  %12s  ", f.references, humanize_bytes(f.cumulative).c_str());
        out << b << store.paths.str(f.path) << '\n';
    }
    out << "Results:\n";
    for (const auto& [rule, r] : results)
        out << "  " << r.status << ": " << rule << (r.message.empty() ? "" : ": " + r.message) << '\n';
    if (misconfigured) {
        out << "CI Misconfigured\n";
        return 1;
    }
    bool pass = failed == 0;
    out << "Result:" << (pass ? "PASS" : "FAIL") << " [Total:" << results.size() << "] [Passed:" << passed
        << "] [Failed:" << failed << "] [Warn:0] [Skipped:" << skipped << "]\n";
    return pass ? 0 : 1;
}

}  // namespace ll::cli
