// layerlab history [options] IMAGE: `docker history` over an image file.
//
//   $ layerlab history busybox-waste.tar
//   IMAGE          CREATED        CREATED BY                                      SIZE      COMMENT
//   4b1e8e3c0a4f   2 years ago    /bin/sh -c rm /big.bin                          0B
//   <missing>      2 years ago    /bin/sh -c dd if=/dev/urandom of=/big.bin bs…   102kB
//   ...
//
// As the docker CLI prints it (docker/cli cli/command/image/history.go and
// formatter_history.go, moby's image history): newest entry first; the top
// one carries the image ID, the others `<missing>` (a loaded image has no
// parent images); SIZE is the size of the layer the entry made (0B for an
// empty_layer entry) in go-units' decimal units; CREATED BY is cut to 45
// columns with "…" unless --no-trunc; --human=false prints RFC 3339 times
// and sizes in bytes; --format takes `table`, `json` (one JSON object per
// line, keys sorted, as `{{json .}}`), `table TEMPLATE` or `TEMPLATE` with
// the fields .ID .CreatedSince .CreatedAt .CreatedBy .Size .Comment.
// A time before 2000 (reproducible builds write 1970) shows no "ago", as
// docker's formatter does. Times are in the local time zone, like docker's.
#include <ctime>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/docker_format.h"

namespace ll::cli {
namespace {

int usage(std::ostream& err) {
    err << "usage: layerlab history [options] IMAGE\n"
           "  IMAGE            an OCI layout directory or tar, a `docker save` archive, - (a tar on\n"
           "                   stdin) or dir:PATH (skopeo), as for `layerlab inspect`\n"
           "  --format FORMAT  table (the default), json, 'table TEMPLATE' or TEMPLATE, with the\n"
           "                   fields {{.ID}} {{.CreatedSince}} {{.CreatedAt}} {{.CreatedBy}} {{.Size}}\n"
           "                   {{.Comment}}, as `docker history --format`\n"
           "  -H, --human=BOOL sizes and dates for people (default true); false: bytes, RFC 3339\n"
           "  --no-trunc       do not cut the IDs and CREATED BY\n"
           "  -q, --quiet      only the IDs\n"
           "  --ref NAME, --platform OS/ARCH[/VARIANT]  which image of the file, as for inspect\n";
    return 2;
}

struct Row {
    std::string id;
    std::optional<int64_t> created;  // seconds since the epoch
    std::string created_by, comment;
    uint64_t size = 0;
};

// moby's ImageService.ImageHistory: one row per history entry, the layer
// sizes in order, newest first, the image ID on the top row.
std::optional<std::vector<Row>> history_rows(const ImportedImage& im, std::string& error) {
    std::vector<Row> rows;
    size_t layer = 0;
    for (const HistoryEntry& h : im.image.history) {
        Row r;
        r.id = "<missing>";
        r.created = parse_rfc3339(h.created);
        r.created_by = h.created_by;
        r.comment = h.comment;
        if (!h.empty_layer) {
            if (layer >= im.image.layer_count()) {
                error = "too many non-empty layers in History section";
                return std::nullopt;
            }
            r.size = im.image.layers()[layer++]->size();
        }
        rows.insert(rows.begin(), std::move(r));
    }
    if (!rows.empty()) rows.front().id = im.image_id.str();
    return rows;
}

std::map<std::string, std::string> fields_of(const Row& r, bool human, bool trunc) {
    constexpr int64_t k_go_zero_time = -62135596800;  // time.Time{}.Unix(): no "created"
    constexpr int64_t k_epoch_2000 = 946684800;
    int64_t t = r.created.value_or(k_go_zero_time);
    std::string at = r.created ? format_rfc3339_local(t) : "0001-01-01T00:00:00Z";
    std::string since = at;
    if (human) since = t <= k_epoch_2000 ? "" : human_duration(int64_t(std::time(nullptr)) - t) + " ago";
    std::string by = r.created_by;
    for (char& c : by)
        if (c == '\t') c = ' ';
    std::string id = r.id;
    if (trunc && id.rfind("sha256:", 0) == 0) id = id.substr(7, 12);
    return {{"ID", id},
            {"CreatedSince", since},
            {"CreatedAt", at},
            {"CreatedBy", trunc ? ellipsis(by, 45) : by},
            {"Size", human ? human_size(r.size) : std::to_string(r.size)},
            {"Comment", r.comment}};
}

std::optional<bool> parse_bool(std::string_view v) {
    if (v == "true" || v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "True") return true;
    if (v == "false" || v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "False") return false;
    return std::nullopt;
}

}  // namespace

int cmd_history(const Args& args, std::ostream& out, std::ostream& err) {
    std::string format, path;
    bool human = true, trunc = true, quiet = false;
    ImportOptions opts;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        size_t eq = a.find('=');
        std::string_view name = a.substr(0, eq), inline_value = eq == std::string_view::npos ? "" : a.substr(eq + 1);
        if (name == "-H" || name == "--human") {
            std::optional<bool> b = eq == std::string_view::npos ? true : parse_bool(inline_value);
            if (!b) {
                err << "layerlab history: invalid argument \"" << inline_value << "\" for \"" << name
                    << "\" flag: strconv.ParseBool: parsing \"" << inline_value << "\": invalid syntax\n";
                return usage(err);
            }
            human = *b;
        } else if (a == "--no-trunc") {
            trunc = false;
        } else if (a == "-q" || a == "--quiet") {
            quiet = true;
        } else if (name == "--format" || name == "--ref" || name == "--platform") {
            std::string v;
            if (eq != std::string_view::npos) {
                v = std::string(inline_value);
            } else if (i + 1 < args.size()) {
                v = std::string(args[++i]);
            } else {
                err << "layerlab history: " << name << " needs a value\n";
                return usage(err);
            }
            if (name == "--format") format = v;
            if (name == "--ref") opts.ref = v;
            if (name == "--platform" && !parse_platform(v, opts)) {
                err << "layerlab history: --platform " << v << ": expected OS/ARCH or OS/ARCH/VARIANT\n";
                return usage(err);
            }
        } else if (a == "-h" || a == "--help") {
            usage(out);
            return 0;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "layerlab history: unknown option '" << a << "'\n";
            return usage(err);
        } else if (path.empty()) {
            path = std::string(a);
        } else {
            err << "layerlab history: one image at a time ('" << a << "' is extra)\n";
            return usage(err);
        }
    }
    if (path.empty()) return usage(err);
    // docker/cli NewHistoryFormat: "table" (or nothing) is the default table,
    // quiet turns it into {{.ID}}; "json" is {{json .}}
    if (format.empty() || format == "table")
        format = quiet ? "{{.ID}}"
                       : human ? "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
                               : "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    else if (format == "json")
        format = "{{json .}}";
    std::string error;
    std::optional<Template> tmpl = Template::parse(format, error);
    if (!tmpl) {
        err << "layerlab history: template parsing error: " << error << '\n';
        return 1;
    }

    Store store;
    Result<ImportedImage> im = load_image(path, store, opts);
    if (!im) {
        err << "layerlab history: " << im.error().describe() << '\n';
        return 1;
    }
    std::optional<std::vector<Row>> rows = history_rows(im.value(), error);
    if (!rows) {
        err << "layerlab history: " << path << ": " << error << '\n';
        return 1;
    }
    TabWriter table;
    std::string plain;
    if (tmpl->is_table())
        table.line(tmpl->header({{"ID", "IMAGE"},
                                 {"CreatedSince", "CREATED"},
                                 {"CreatedAt", "CREATED AT"},
                                 {"CreatedBy", "CREATED BY"},
                                 {"Size", "SIZE"},
                                 {"Comment", "COMMENT"}}));
    for (const Row& r : *rows) {
        std::optional<std::string> line = tmpl->render(fields_of(r, human, trunc), error);
        if (!line) {
            err << "layerlab history: template parsing error: " << error << '\n';
            return 1;
        }
        if (tmpl->is_table())
            table.line(*line);
        else
            plain += *line + "\n";
    }
    out << (tmpl->is_table() ? table.str() : plain);
    return 0;
}

}  // namespace ll::cli
