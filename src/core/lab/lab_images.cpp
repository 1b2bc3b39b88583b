// lab_images.cpp: the Lab's commands for comparing images (lab.h, "comparing
// two images"); the API's image tools (tree, pin, compare: api.h).
//
// Index: Lab::image_label, Lab::pin_image, tree_json, compare_json, image_tools_call
#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/fs_tree.h"
#include "core/image_compare.h"
#include "core/lab/api.h"
#include "core/lab/lab.h"

namespace ll::lab {

std::string Lab::image_label() const {
    std::string what = !m_sample.empty() ? m_sample : m_text.rfind("# ", 0) == 0 ? m_text.substr(2, m_text.find('\n') - 2)
                                                                                : "your Dockerfile";
    if (!has_build()) return what;
    return what + ", step " + std::to_string(m_cursor) + " of " + std::to_string(steps().size()) +
           (edited() && !m_sample.empty() ? " (edited)" : "");
}

void Lab::pin_image() {
    m_pinned = image_at_cursor();
    m_pinned_label = image_label();
    ++m_revision;
    narrate(Narration::Kind::info,
            "Kept this image as A (" + m_pinned_label + ", " + format_bytes(m_pinned->size()) +
                "). Change the Dockerfile or open another image: the comparison shows what differs.",
            "images that share bottom layers (same ChainID) store and pull them once");
}

namespace {

using json = nlohmann::json;

// The tree as nested JSON down to `depth` levels, children in the tree's order.
json tree_json(const FsTree& t, uint32_t at, int depth, const PathTable& paths) {
    const TreeNode& n = t.nodes[at];
    json j = {{"path", at == 0 ? std::string("/") : paths.str(n.path)},
              {"name", n.name},
              {"type", entry_type_name(n.type)},
              {"mark", std::string(1, n.mark)},
              {"size", n.size},
              {"total", n.total},
              {"files", n.files}};
    if (!n.children.empty()) {
        json kids = json::array();
        if (depth > 0)
            for (uint32_t c : n.children) kids.push_back(tree_json(t, c, depth - 1, paths));
        j["children"] = std::move(kids);
        j["child_count"] = n.children.size();
    }
    return j;
}

json compare_json(const Lab& lab, const ImageComparison& c) {
    const PathTable& paths = lab.store().paths;
    auto layers = [](const std::vector<ComparedLayer>& ls) {
        json a = json::array();
        for (const ComparedLayer& l : ls)
            a.push_back({{"diff_id", l.diff_id.str()}, {"size", l.size}, {"in_other", l.in_other}});
        return a;
    };
    json files = json::array();
    for (size_t i = 0; i < c.files.size() && i < 1000; ++i)
        files.push_back({{"change", file_delta_mark(c.files[i].delta)},
                         {"path", paths.str(c.files[i].path)},
                         {"size_a", c.files[i].size_a},
                         {"size_b", c.files[i].size_b},
                         {"what", c.files[i].what}});
    return {{"a", {{"label", lab.pinned_label()}, {"size", c.size_a}, {"wasted_bytes", c.wasted_a}, {"layers", layers(c.a)}}},
            {"b", {{"label", lab.image_label()}, {"size", c.size_b}, {"wasted_bytes", c.wasted_b}, {"layers", layers(c.b)}}},
            {"saved_bytes", int64_t(c.size_a) - int64_t(c.size_b)},
            {"common_base_layers", c.common_base},
            {"shared_bytes", c.shared_bytes},
            {"added", c.added},
            {"removed", c.removed},
            {"changed", c.changed},
            {"files", files},
            {"files_total", c.files.size()}};
}

}  // namespace

// tree {layer?, sort?, depth?}: the image at the cursor as a tree (fs_tree.h);
// pin: keep it as A; unpin; compare: A against the image at the cursor.
std::optional<nlohmann::json> image_tools_call(Lab& lab, std::string_view method, const nlohmann::json& args) {
    const Store& store = lab.store();
    if (method == "tree") {
        const Image& img = lab.image_at_cursor();
        json layer = args.is_object() && args.contains("layer") ? args.at("layer") : json(nullptr);
        if (!layer.is_null() && (!layer.is_number_integer() || layer.get<long long>() < 0 ||
                                 size_t(layer.get<long long>()) >= img.layer_count()))
            throw ApiError("tree({layer}): layer must be 0.." + std::to_string(img.layer_count()) + " or null (merged)",
                           "bad_argument");
        std::string sort = args.is_object() ? args.value("sort", std::string("name")) : "name";
        if (sort != "name" && sort != "size") throw ApiError("tree({sort}): sort is \"name\" or \"size\"", "bad_argument");
        int depth = args.is_object() ? args.value("depth", 1) : 1;
        FsTree t = layer.is_null() ? merged_tree(img, store.paths, store.blobs)
                                   : layer_tree(img, size_t(layer.get<long long>()), store.paths, store.blobs);
        t.sort(sort == "size");
        return tree_json(t, 0, std::clamp(depth, 0, 64), store.paths);
    }
    if (method == "pin") {
        lab.pin_image();
        return state_json(lab);
    }
    if (method == "unpin") {
        lab.unpin_image();
        return state_json(lab);
    }
    if (method == "compare") {
        if (!lab.pinned_image())
            throw ApiError("compare(): no image kept as A: call pin() first (Compare › Keep this image as A)", "no_image_kept");
        return compare_json(lab, compare_images(*lab.pinned_image(), lab.image_at_cursor(), store.paths, store.blobs));
    }
    return std::nullopt;
}

}  // namespace ll::lab
