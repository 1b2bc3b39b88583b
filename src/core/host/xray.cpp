// xray.cpp: the host's view of an image and its containers (xray.h).
//
// Index of this file:
//   names:      link_id, hex_id, mount_line
//   the image:  image_id_of, add_layer_nodes
//   containers: add_container
//   make_xray
#include "core/host/xray.h"

#include <algorithm>

#include "core/container.h"
#include "core/image.h"
#include "core/layer.h"
#include "core/oci.h"

namespace ll::host {

namespace {

const std::string k_root = k_docker_root;
const std::string k_overlay = k_root + "/overlay2";
const std::string k_layerdb = k_root + "/image/overlay2/layerdb";

// A 64-hex ID where Docker draws a random one (stringid.GenerateRandomID):
// derived from what it names, so it is stable. Labelled in the notes.
std::string hex_id(const std::string& what) { return sha256("layerlab " + what).hex(); }

std::string lines_of(const std::vector<std::string>& v, char sep) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : std::string(1, sep)) + x;
    return s;
}

std::string image_id_of(const Image& image, const std::vector<Digest>& diff_ids) {
    OciConfig c;
    c.config = image.config;
    c.history = image.history;
    c.diff_ids = diff_ids;
    return sha256(serialize_image_config(c)).str();
}

void add(Xray& x, std::string path, char type, std::string text, std::string note, int layer = -1, int container = -1) {
    x.nodes.push_back({std::move(path), type, std::move(text), std::move(note), layer, container});
}

// overlay2/<id>/diff/...: the files of a layer as they sit on disk (whiteouts
// as character devices, an opaque directory with its xattr).
void add_diff_files(Xray& x, const std::string& dir, const Layer& layer, const Store& store, int li, int ci,
                    size_t max_files) {
    size_t n = 0;
    for (const Entry& e : layer.entries()) {
        if (n++ >= max_files) {
            add(x, dir + "/…", 'f', "", std::to_string(layer.entries().size() - max_files) + " more entries", li, ci);
            break;
        }
        std::string p = dir + store.paths.str(e.path);
        if (e.is_whiteout())
            add(x, p, 'f', "", "whiteout: a character device 0/0 that hides this name in the layers below", li, ci);
        else if (e.type == EntryType::dir)
            add(x, p, 'd', "", e.opaque ? "opaque directory (xattr trusted.overlay.opaque=y)" : "", li, ci);
        else if (e.type == EntryType::symlink)
            add(x, p, 'l', e.target, "", li, ci);
        else
            add(x, p, 'f', "", format_bytes(entry_size(e, store.blobs)), li, ci);
    }
}

void add_layer_nodes(Xray& x, const XrayLayer& l, const Layer& layer, const Store& store, int li, bool top,
                     size_t max_files) {
    const std::string db = k_layerdb + "/sha256/" + l.chain_id.hex();
    add(x, db, 'd', "", "the layer store's record of layer " + std::to_string(li) + ", named by its ChainID", li);
    add(x, db + "/cache-id", 'f', l.cache_id, "its directory under overlay2/ (random in Docker, derived here)", li);
    add(x, db + "/diff", 'f', l.diff_id.str(), "its DiffID: sha256 of the uncompressed layer tar", li);
    if (li > 0) add(x, db + "/parent", 'f', x.layers[size_t(li - 1)].chain_id.str(), "the ChainID of the layer below", li);
    add(x, db + "/size", 'f', std::to_string(l.size), "bytes of its diff directory", li);
    add(x, db + "/tar-split.json.gz", 'f', "", "how to rebuild the exact tar (not modelled)", li);
    const std::string dir = k_overlay + "/" + l.cache_id;
    add(x, dir, 'd', "", "layer " + std::to_string(li) + "'s directory", li);
    if (!top) add(x, dir + "/committed", 'f', "", "empty: a layer was made on top of this one", li);
    add(x, dir + "/diff", 'd', "", "the layer's files: a lowerdir of every container of the image", li);
    add_diff_files(x, dir + "/diff", layer, store, li, -1, max_files);
    add(x, dir + "/link", 'f', l.link, "its short name under l/", li);
    if (li > 0) {
        add(x, dir + "/lower", 'f', l.lower, "the layers below, uppermost first", li);
        add(x, dir + "/work", 'd', "", "overlayfs' work directory", li);
    }
}

}  // namespace

std::string link_id(const Digest& seed) {
    static const char* k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < 17 && out.size() < 26; ++i) {
        buffer = (buffer << 8) | seed.bytes[i];
        bits += 8;
        while (bits >= 5 && out.size() < 26) {
            out += k_alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    return out;
}

std::string mount_line(const std::string& mount_id, const std::string& lower) {
    std::vector<std::string> abs;
    size_t pos = 0;
    while (pos <= lower.size()) {
        size_t c = lower.find(':', pos);
        std::string part = lower.substr(pos, c == std::string::npos ? std::string::npos : c - pos);
        if (!part.empty()) abs.push_back(k_overlay + "/" + part);
        if (c == std::string::npos) break;
        pos = c + 1;
    }
    const std::string dir = k_overlay + "/" + mount_id;
    return "overlay on " + dir + "/merged type overlay (rw,relatime,lowerdir=" + lines_of(abs, ':') + ",upperdir=" + dir +
           "/diff,workdir=" + dir + "/work)";
}

Xray make_xray(const Image& image, const std::vector<const Container*>& containers,
               const std::vector<std::string>& names, const Store& store, size_t max_files) {
    Xray x;
    std::vector<Digest> chains = image.chain_ids(store.paths, store.blobs);
    std::vector<Digest> diffs;
    std::vector<std::string> links_top_down;
    for (size_t i = 0; i < image.layer_count(); ++i) {
        const Layer& layer = *image.layers()[i];
        XrayLayer l;
        l.diff_id = layer.diff_id(store.paths, store.blobs);
        l.chain_id = chains[i];
        l.cache_id = hex_id("cache-id " + l.chain_id.hex());
        l.link = link_id(sha256("link " + l.cache_id));
        std::vector<std::string> lower;
        for (size_t k = i; k-- > 0;) lower.push_back("l/" + x.layers[k].link);
        l.lower = lines_of(lower, ':');
        l.size = layer.size();
        diffs.push_back(l.diff_id);
        x.layers.push_back(std::move(l));
    }
    x.image_id = image_id_of(image, diffs);
    add(x, k_root, 'd', "", "Docker's data root");
    add(x, k_root + "/image/overlay2/imagedb/content/sha256/" + x.image_id.substr(7), 'f', "",
        "the image's config JSON: its sha256 is the image ID");
    for (size_t i = 0; i < x.layers.size(); ++i)
        add_layer_nodes(x, x.layers[i], *image.layers()[i], store, int(i), i + 1 == x.layers.size(), max_files);
    for (size_t k = x.layers.size(); k-- > 0;) links_top_down.push_back("l/" + x.layers[k].link);
    for (size_t c = 0; c < containers.size(); ++c) {
        XrayContainer xc;
        xc.name = c < names.size() ? names[c] : "c" + std::to_string(c + 1);
        xc.id = hex_id("container " + xc.name + " " + x.image_id);
        xc.mount_id = hex_id("mount " + xc.id);
        xc.init_link = link_id(sha256("link " + xc.mount_id + "-init"));
        xc.link = link_id(sha256("link " + xc.mount_id));
        std::vector<std::string> lower{"l/" + xc.init_link};
        lower.insert(lower.end(), links_top_down.begin(), links_top_down.end());
        xc.lower = lines_of(lower, ':');
        xc.mount_line = mount_line(xc.mount_id, xc.lower);
        xc.upper_size = containers[c]->size();
        const int ci = int(c);
        const std::string m = k_layerdb + "/mounts/" + xc.id;
        add(x, m, 'd', "", "the layer store's record of container " + xc.name, -1, ci);
        add(x, m + "/init-id", 'f', xc.mount_id + "-init", "its init layer", -1, ci);
        add(x, m + "/mount-id", 'f', xc.mount_id, "its writable layer's directory", -1, ci);
        if (!x.layers.empty()) add(x, m + "/parent", 'f', x.layers.back().chain_id.str(), "the image's top layer", -1, ci);
        const std::string init = k_overlay + "/" + xc.mount_id + "-init";
        add(x, init, 'd', "", "the init layer: stubs the runtime mounts over (/etc/hosts, ...)", -1, ci);
        add(x, init + "/committed", 'f', "", "", -1, ci);
        add(x, init + "/diff", 'd', "", "", -1, ci);
        add(x, init + "/link", 'f', xc.init_link, "", -1, ci);
        add(x, init + "/lower", 'f', lines_of(links_top_down, ':'), "", -1, ci);
        add(x, init + "/work", 'd', "", "", -1, ci);
        const std::string dir = k_overlay + "/" + xc.mount_id;
        add(x, dir, 'd', "", "container " + xc.name + "'s writable layer", -1, ci);
        add(x, dir + "/diff", 'd', "", "the upperdir: every file the container wrote or copied up", -1, ci);
        add_diff_files(x, dir + "/diff", *containers[c]->commit_layer(), store, -1, ci, max_files);
        add(x, dir + "/link", 'f', xc.link, "", -1, ci);
        add(x, dir + "/lower", 'f', xc.lower, "its init layer, then the image's layers, uppermost first", -1, ci);
        add(x, dir + "/merged", 'd', "", "the container's root: " + xc.mount_line, -1, ci);
        add(x, dir + "/work", 'd', "", "", -1, ci);
        x.containers.push_back(std::move(xc));
    }
    add(x, k_overlay + "/l", 'd', "", "short names: they keep the mount's lowerdir list within one page");
    std::vector<std::pair<std::string, std::string>> links;
    for (const XrayLayer& l : x.layers) links.push_back({l.link, l.cache_id});
    for (const XrayContainer& c : x.containers) {
        links.push_back({c.init_link, c.mount_id + "-init"});
        links.push_back({c.link, c.mount_id});
    }
    std::sort(links.begin(), links.end());
    for (const auto& [link, id] : links) add(x, k_overlay + "/l/" + link, 'l', "../" + id + "/diff", "");
    return x;
}

}  // namespace ll::host
