// dive_ci.h: `layerlab inspect --ci`, dive's CI mode over an imported image.
//
// The rules, their defaults and their words are dive's (wagoodman/dive
// runtime/ci: rule.go, evaluator.go; cmd/root.go for the flags):
//   lowestEfficiency          0.9       fail when efficiency < value (a ratio 0-1)
//   highestWastedBytes        disabled  fail when wasted bytes > value ("20MB",
//                                       "1GiB", "300000": go-humanize ParseBytes)
//   highestUserWastedPercent  0.1       fail when wasted / user bytes > value (0-1)
// "disabled" skips a rule. Values come from the flags' defaults, then the
// YAML file `.dive-ci` in the current directory (or --ci-config FILE) under
// `rules:`, then flags given on the command line, as dive's viper binding
// does. The numbers are dive's (core/dive.h), not the N-1 waste of `inspect`.
#pragma once
#include <iosfwd>
#include <map>
#include <optional>
#include <string>

#include "core/oci.h"

namespace ll::cli {

struct CiOptions {
    std::string config_path = ".dive-ci";  // read when it exists
    bool config_given = false;             // --ci-config: it must exist
    std::map<std::string, std::string> flags;  // rule name -> value given on the command line
};

// Parses dive's humanize.ParseBytes forms ("42", "42MB", "1.5 GiB", "1,000").
std::optional<uint64_t> parse_bytes(std::string_view s, std::string& error);

// Prints dive's CI report; returns 0 (pass), 1 (a rule failed or is
// misconfigured) or 2 (the config file cannot be read or parsed).
int run_dive_ci(const ImportedImage& im, const Store& store, const CiOptions& opts, std::ostream& out,
                std::ostream& err);

}  // namespace ll::cli
