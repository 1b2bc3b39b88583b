// bases.cpp: built-in base images from the package catalogs, and image names.
#include "core/build/bases.h"
#include "core/build/toolchains.h"
#include "core/standin.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

namespace ll::build {

std::string normalize_image_name(std::string_view name) {
    std::string n(name);
    // a digest pins the content; we have one version of each image, so drop it
    if (size_t at = n.find('@'); at != std::string::npos) n.erase(at);
    for (std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/", "localhost/"})
        if (n.rfind(prefix, 0) == 0) {
            n.erase(0, prefix.size());
            break;
        }
    if (n.rfind("library/", 0) == 0) n.erase(0, 8);
    size_t slash = n.rfind('/');
    size_t colon = n.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) n += ":latest";
    for (char& c : n)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return n;
}

namespace {

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
    for (char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}


// ---------------------------------------------------------------- tags

// A tag read as version and variant words: "3.11-slim-bookworm" is version
// 3.11, Debian (bookworm), slim; "18-alpine3.19" is 18 on Alpine 3.19;
// "bookworm-slim" (the debian repository) is Debian 12, slim.
struct TagShape {
    std::vector<int> version;  // empty: none written ("latest", "lts", "alpine")
    std::string family;        // "alpine", "debian", "ubuntu"; "" = the repository's default
    std::string release;       // "3.19", "bookworm", "jammy" ("" = not said)
    bool slim = false;
    std::vector<std::string> words;  // the other words: fpm, apache, jre, ...
};

std::vector<int> parse_version(std::string_view v) {
    std::vector<int> out;
    size_t i = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
        int n = 0;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9' && n < 100000) n = n * 10 + (v[i++] - '0');
        out.push_back(n);
        if (i < v.size() && v[i] == '.') ++i;
        else break;
    }
    return out;
}

struct Release {
    const char* name;
    const char* family;
    int number;  // Debian major, Ubuntu YYMM
};
constexpr Release k_releases[] = {
    {"stretch", "debian", 9}, {"buster", "debian", 10}, {"bullseye", "debian", 11}, {"bookworm", "debian", 12},
    {"trixie", "debian", 13}, {"forky", "debian", 14},  {"bionic", "ubuntu", 1804}, {"focal", "ubuntu", 2004},
    {"jammy", "ubuntu", 2204}, {"noble", "ubuntu", 2404}, {"oracular", "ubuntu", 2410}, {"plucky", "ubuntu", 2504},
    {"questing", "ubuntu", 2510}, {"resolute", "ubuntu", 2604},
};

// Repositories whose tags name a distribution release (debian:12,
// ubuntu:22.04, buildpack-deps:20.04-curl): a number there is the release.
bool distro_repo(std::string_view repo) { return repo == "debian" || repo == "ubuntu" || repo == "buildpack-deps"; }

TagShape tag_shape(std::string_view repo, std::string_view tag) {
    TagShape t;
    size_t b = 0;
    bool first = true;
    const bool distro = distro_repo(repo) || repo == "alpine";
    while (b <= tag.size()) {
        size_t e = tag.find('-', b);
        std::string_view w = tag.substr(b, e == std::string_view::npos ? e : e - b);
        b = e == std::string_view::npos ? tag.size() + 1 : e + 1;
        if (w.empty()) continue;
        const Release* rel = nullptr;
        for (const Release& r : k_releases)
            if (w == r.name) rel = &r;
        if (first && w[0] >= '0' && w[0] <= '9' && !distro) {
            t.version = parse_version(w);
        } else if (w.rfind("alpine", 0) == 0) {
            t.family = "alpine";
            t.release = std::string(w.substr(6));
        } else if (rel) {
            t.family = rel->family;
            t.release = rel->name;
        } else if (w == "slim") {
            t.slim = true;
        } else if (first && distro && w[0] >= '0' && w[0] <= '9') {
            // ubuntu:22.04, buildpack-deps:20.04-curl (YY.MM is Ubuntu); debian:12
            t.family = repo == "alpine" ? "alpine"
                       : repo == "ubuntu" || w.find('.') != std::string_view::npos ? "ubuntu"
                                                                                   : "debian";
            t.version = parse_version(w);
        } else if (w != "latest" && w != "lts" && w != "current" && w != "stable") {
            t.words.emplace_back(w);
        }
        first = false;
    }
    if (repo == "alpine") t.family = "alpine";
    if (repo == "debian" || repo == "ubuntu") t.family = std::string(repo);
    // a Debian or Ubuntu release name is the version of those repositories
    // (an Ubuntu YYMM as {YY, MM}, as its YY.MM tags read: 26.04 is nearer 24.04 than 22.04)
    if (distro_repo(repo) && t.version.empty() && !t.release.empty())
        for (const Release& r : k_releases)
            if (t.release == r.name)
                t.version = r.number > 1000 ? std::vector<int>{r.number / 100, r.number % 100} : std::vector<int>{r.number};
    return t;
}

const char* family_word(const std::string& f) {
    return f == "alpine" ? "Alpine" : f == "ubuntu" ? "Ubuntu" : f == "debian" ? "Debian" : "Debian";
}

// Lower is nearer. The family first, then slim, then the other words, then
// the version (`newest` ranks candidates when no version was asked for).
long tag_distance(const TagShape& want, const TagShape& have, const std::vector<int>& newest) {
    auto fam = [](const std::string& f) { return f.empty() ? std::string("debian") : f; };
    long d = 0;
    if (fam(want.family) != fam(have.family)) d += 100000;
    if (want.slim != have.slim) d += 10000;
    for (const std::string& w : want.words)
        if (std::find(have.words.begin(), have.words.end(), w) == have.words.end()) d += 1000;
    for (const std::string& w : have.words)
        if (std::find(want.words.begin(), want.words.end(), w) == want.words.end()) d += 1000;
    if (!want.release.empty() && !have.release.empty() && want.release != have.release) d += 50;
    const std::vector<int>& v = want.version.empty() ? newest : want.version;
    for (size_t i = 0; i < std::max(v.size(), have.version.size()) && i < 3; ++i) {
        long a = i < v.size() ? v[i] : 0, h = i < have.version.size() ? have.version[i] : 0;
        long weight = i == 0 ? 40 : i == 1 ? 4 : 1;
        d += std::min<long>(std::labs(a - h), 9) * weight;
        if (a != h) break;
    }
    return d;
}

}  // namespace

Image image_from_base(Store& store, const BaseImage& base) { return image_from_base(store, base, Image()); }

Image image_from_base(Store& store, const BaseImage& base, const Image& below) {
    Image img = below;
    uint32_t next_group = 1;
    for (size_t li = below.layer_count(); li < base.layers.size(); ++li) {
        const ImageLayer& l = base.layers[li];
        LayerBuilder b(store.paths);
        std::unordered_map<std::string, Entry> by_path;  // for hard links
        std::vector<const CatalogFile*> links;
        for (const CatalogFile& f : l.files) {
            Entry e;
            e.path = store.paths.intern(f.path);
            if (e.path == k_no_path || e.path == k_root_path) continue;
            e.mode = f.mode & 07777;
            e.uid = f.uid;
            e.gid = f.gid;
            switch (f.type) {
            case 'd': e.type = EntryType::dir; break;
            case 'l':
                e.type = EntryType::symlink;
                e.mode = 0777;
                e.target = f.link;
                break;
            case 'h': links.push_back(&f); continue;
            default:
                e.type = EntryType::file;
                if (f.content)
                    e.blob = store.blobs.bytes(*f.content);
                else if (f.placeholder)
                    e.blob = standin::artifact(store.blobs, *f.placeholder, f.path, f.size);
                else if (f.size == 0)
                    e.blob = k_empty_blob;
                else
                    e.blob = store.blobs.random(f.size, fnv1a(f.path, fnv1a(std::to_string(f.size))));
                break;
            }
            by_path[f.path] = e;
            b.put(e);
        }
        for (const CatalogFile* f : links) {
            auto it = by_path.find(f->link);
            Entry* target = it == by_path.end() ? nullptr : b.find(it->second.path);
            Entry e;
            e.path = store.paths.intern(f->path);
            if (e.path == k_no_path) continue;
            if (!target || target->type != EntryType::file) {
                // a link to something outside this layer: keep the name as a file
                e.type = EntryType::file;
                e.mode = f->mode & 07777;
                e.blob = store.blobs.random(f->size, fnv1a(f->path));
                b.put(e);
                continue;
            }
            if (target->link_group == 0) target->link_group = next_group++;
            e = *target;
            e.path = store.paths.intern(f->path);
            b.put(e);
        }
        img.push_layer(b.freeze(store.blobs), store.paths);
    }
    img.config = base.config;
    img.history = base.history;
    return img;
}

BuiltinImages::BuiltinImages(Store& store, LazyCatalog apt) : m_store(&store), m_apt(std::move(apt)) {}

Result<std::string> BuiltinImages::add_catalog_image(std::string_view text, std::string_view file_name) {
    // Read @name and @tag without parsing the whole file (that happens on first use).
    std::string name;
    std::vector<std::string> tags;
    size_t i = 0;
    while (i < text.size() && i < 64 * 1024) {
        size_t j = text.find('\n', i);
        if (j == std::string_view::npos) j = text.size();
        std::string_view line = text.substr(i, j - i);
        auto value = [&](size_t skip) {
            std::string v(line.substr(skip));
            while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.pop_back();
            return v;
        };
        if (line.rfind("@name ", 0) == 0) name = value(6);
        if (line.rfind("@tag ", 0) == 0) tags.push_back(value(5));
        if (line.rfind("H ", 0) == 0) break;  // the metadata is over
        i = j + 1;
    }
    if (name.empty())
        return make_error(Errc::syntax, "no @name line: not an image catalog", SourceLoc{std::string(file_name)});
    CatalogImage* ci = nullptr;
    for (auto& c : m_catalog)
        if (c->stub && c->file_name == file_name) ci = c.get();  // the data of a stub arrived
    if (!ci) ci = m_catalog.emplace_back(std::make_unique<CatalogImage>()).get();
    ci->name = name;
    ci->tags = std::move(tags);
    ci->file_name = std::string(file_name);
    ci->text = std::string(text);
    ci->stub = false;
    ci->parsed.reset();
    ci->image.reset();
    return name;
}

void BuiltinImages::add_catalog_stub(std::string name, std::vector<std::string> tags, std::string file_name) {
    for (auto& c : m_catalog)
        if (c->file_name == file_name) return;  // its data (or its stub) is here already
    auto ci = std::make_unique<CatalogImage>();
    ci->name = std::move(name);
    ci->tags = std::move(tags);
    ci->file_name = std::move(file_name);
    ci->stub = true;
    m_catalog.push_back(std::move(ci));
}

void BuiltinImages::add_image(std::string_view name, Image image) {
    std::string n = normalize_image_name(name);
    if (!m_extra.count(n)) m_extra_names.emplace_back(name);
    m_extra[n] = std::move(image);
}

BuiltinImages::CatalogImage* BuiltinImages::catalog_image(std::string_view normalized) {
    for (auto& ci : m_catalog)
        if (normalize_image_name(ci->name) == normalized) return ci.get();
    return nullptr;
}

const BaseImage* BuiltinImages::load(CatalogImage& ci) {
    if (ci.parsed) return &*ci.parsed;
    if (ci.stub) {
        if (std::find(m_missing.begin(), m_missing.end(), ci.file_name) == m_missing.end())
            m_missing.push_back(ci.file_name);
        m_last_error = Error{Errc::enoent,
                             "its data (" + ci.file_name + ") is not loaded yet; it is fetched when a FROM first "
                             "names the image, and the build runs again once it is here",
                             SourceLoc{ci.file_name}};
        return nullptr;
    }
    // Find @base first (python and node build on debian:bookworm-slim).
    const BaseImage* base = nullptr;
    size_t at = ci.text.find("\n@base ");
    if (at != std::string::npos) {
        size_t end = ci.text.find('\n', at + 1);
        std::string bname = ci.text.substr(at + 7, end - at - 7);
        while (!bname.empty() && (bname.back() == '\r' || bname.back() == ' ')) bname.pop_back();
        CatalogImage* b = catalog_image(normalize_image_name(bname));
        if (b) base = load(*b);
        if (b && !base && b->stub) return nullptr;  // the base's data is not loaded yet (missing())
    }
    static const Catalog empty_catalog;
    // only an image that installs packages (K lines) needs the apt catalog
    const bool installs = ci.text.find("\nK ") != std::string::npos;
    const Catalog* apt = installs ? m_apt.get() : nullptr;
    Result<BaseImage> r = load_base_image(ci.text, apt ? *apt : empty_catalog, base, ci.file_name);
    if (!r && apt && !apt->has_index() && r.error().message.find("is not in the apt catalog") != std::string::npos) {
        // a package only the archive-wide index has: the page fetches that after the first frame
        static const std::string k_index = "debian-bookworm.index.txt";
        if (std::find(m_missing.begin(), m_missing.end(), k_index) == m_missing.end()) m_missing.push_back(k_index);
        m_last_error = Error{Errc::enoent,
                             "its packages need the apt index (" + k_index +
                                 "), which is not loaded yet; the build runs again once it is here",
                             SourceLoc{ci.file_name}};
        return nullptr;
    }
    if (!r) {
        m_last_error = r.error();
        return nullptr;
    }
    ci.parsed = std::move(*r);
    return &*ci.parsed;
}

std::optional<Image> BuiltinImages::find(std::string_view name) {
    m_last_error.reset();
    std::string n = normalize_image_name(name);
    if (auto it = m_extra.find(n); it != m_extra.end()) return it->second;
    CatalogImage* ci = catalog_image(n);
    if (!ci) return std::nullopt;
    if (ci->image) return ci->image;
    const BaseImage* b = load(*ci);
    if (!b) return std::nullopt;
    // An image built on another built-in one (python on debian) shares its
    // layers: the same LayerPtrs, as Docker shares them by ChainID.
    Image below;
    if (!b->base.empty()) {
        if (std::optional<Image> bi = find(b->base); bi && bi->layer_count() <= b->layers.size()) below = *bi;
        m_last_error.reset();
    }
    ci->image = image_from_base(*m_store, *b, below);
    return ci->image;
}

std::vector<std::string> BuiltinImages::names() const {
    std::vector<std::string> out = m_extra_names;
    for (const auto& ci : m_catalog) out.push_back(ci->name);
    return out;
}


// ---------------------------------------------------------------- resolve

const char* base_match_name(BaseMatch m) {
    switch (m) {
    case BaseMatch::exact: return "exact";
    case BaseMatch::same: return "same image";
    case BaseMatch::nearest: return "nearest variant";
    case BaseMatch::stand_in: return "stand-in";
    }
    return "?";
}

std::optional<ResolvedImage> ImageSource::resolve(const ImageRef& ref, bool) {
    std::optional<Image> img = find(ref.familiar());
    if (!img && ref.domain != "docker.io") img = find(ref.domain + "/" + ref.path + ":" + ref.tag_or_latest());
    if (!img) return std::nullopt;
    return ResolvedImage{std::move(*img), ref.familiar(), BaseMatch::exact, ""};
}

namespace {

// "@sha256:2673…" pins one build of the image; layerlab has one of each.
std::string pin_note(const ImageRef& ref) {
    if (ref.digest.empty()) return "";
    return " The digest " + ref.digest.substr(0, 19) +
           "… pins one exact build of the image; layerlab keeps one build of each image and cannot check it.";
}

}  // namespace

std::string BuiltinImages::approx_label(const std::string& name) {
    std::string out, n = name;
    for (int depth = 0; depth < 16 && !n.empty(); ++depth) {
        CatalogImage* ci = catalog_image(normalize_image_name(n));
        if (!ci || !ci->parsed) break;
        if (!ci->parsed->approx.empty()) out += (out.empty() ? "in " : " Below it, in ") + ci->name + ", " + ci->parsed->approx;
        n = ci->parsed->base;
    }
    return out;
}

// An approximated image says so on its FROM step (the note) and its slab (the badge).
void BuiltinImages::mark_approximated(ResolvedImage& r) {
    const std::string label = approx_label(r.shown_as);
    if (label.empty()) return;
    r.approximated = true;
    r.note = "Approximated: " + label + (r.note.empty() ? "" : " " + r.note);
}

std::optional<ResolvedImage> BuiltinImages::resolve(const ImageRef& ref_in, bool stand_in) {
    // registry.docker.com and registry-1.docker.io serve Docker Hub's own
    // repositories (Rails' generated Dockerfiles name registry.docker.com/library/ruby)
    ImageRef ref = ref_in;
    for (const char* hub : {"registry.docker.com", "registry-1.docker.io", "registry.hub.docker.com"})
        if (ref.domain == hub) {
            ref.domain = "docker.io";
            if (ref.path.find('/') == std::string::npos) ref.path = "library/" + ref.path;
        }
    const std::string want = ref.familiar();
    if (std::optional<Image> img = find(ref.domain == "docker.io" ? want : ref.canonical())) {
        std::string note = pin_note(ref);
        ResolvedImage r{std::move(*img), ref.domain == "docker.io" ? want : ref.canonical(), BaseMatch::exact,
                        note.empty() ? note : note.substr(1)};
        mark_approximated(r);
        r.shown_as = want;
        return r;
    }
    if (m_last_error) return std::nullopt;  // known, but its catalog is broken: FROM says why
    for (auto& ci : m_catalog)
        for (const std::string& t : ci->tags)
            if (normalize_image_name(t) == normalize_image_name(want))
                if (std::optional<Image> img = find(ci->name)) {
                    ResolvedImage r{std::move(*img), ci->name, BaseMatch::same,
                                    want + " is the same image as " + ci->name +
                                        " (another tag of it): shown with its real layer structure." + pin_note(ref)};
                    mark_approximated(r);
                    return r;
                }
    if (m_last_error) return std::nullopt;
    std::string other_family;
    if (std::optional<ResolvedImage> r = nearest(ref, &other_family)) {
        mark_approximated(*r);
        return r;
    }
    if (m_last_error) return std::nullopt;  // the nearest variant's data is not loaded yet (missing())
    if (!stand_in) return std::nullopt;
    std::optional<ResolvedImage> r = stand_in_for(ref);
    if (r && !other_family.empty()) r->note += " (" + other_family + ")";
    return r;
}

std::optional<ResolvedImage> BuiltinImages::nearest(const ImageRef& ref, std::string* other_family) {
    std::string repo = ref.repository();
    // Docker Hub's amd64/NAME repositories hold the amd64 builds of the official NAME
    const bool amd64 = ref.domain == "docker.io" && repo.rfind("amd64/", 0) == 0;
    if (amd64) repo = repo.substr(6);
    TagShape want = tag_shape(repo, ref.tag_or_latest());
    struct Cand {
        CatalogImage* ci;
        TagShape shape;
    };
    std::vector<Cand> cands;
    std::vector<int> newest;
    // The default family of a tag that names none: that of the image with such
    // a tag nearest in version (golang:1.22 is Debian, eclipse-temurin:21
    // Ubuntu; dotnet/sdk:9.0 Debian, :10.0 Ubuntu); Debian if none has one.
    std::vector<std::pair<std::string, std::vector<int>>> defaults;
    for (auto& ci : m_catalog) {
        Result<ImageRef> r = parse_image_ref(ci->name);
        if (!r || r->repository() != repo) continue;
        cands.push_back({ci.get(), tag_shape(repo, r->tag_or_latest())});
        if (cands.back().shape.version > newest) newest = cands.back().shape.version;
        for (const std::string& t : ci->tags)
            if (Result<ImageRef> tr = parse_image_ref(t); tr && tag_shape(repo, tr->tag_or_latest()).family.empty())
                defaults.emplace_back(cands.back().shape.family, cands.back().shape.version);
    }
    auto default_family = [&](const std::vector<int>& version) {
        std::string fam = "debian";
        long best_d = -1;
        TagShape v;
        v.version = version;
        for (const auto& [f, ver] : defaults) {
            TagShape h;
            h.version = ver;
            long d = tag_distance(v, h, newest);
            if (!f.empty() && (best_d < 0 || d < best_d)) fam = f, best_d = d;
        }
        return fam;
    };
    if (want.family.empty()) want.family = default_family(want.version);
    for (Cand& c : cands)
        if (c.shape.family.empty()) c.shape.family = default_family(c.shape.version);
    const Cand* best = nullptr;
    long best_d = 0;
    for (const Cand& c : cands) {
        long d = tag_distance(want, c.shape, newest);
        if (!best || d < best_d) best = &c, best_d = d;
    }
    if (!best) return std::nullopt;
    const std::string name = best->ci->name;
    const std::string want_name = ref.familiar();
    if (best->shape.family != want.family) {
        // never a silent change of distribution: the caller shows a labelled stand-in
        if (other_family)
            *other_family = "layerlab has " + name + ", but it is " + family_word(best->shape.family) +
                            "-based where " + want_name + " is " + family_word(want.family) +
                            "-based, so it does not stand for it.";
        return std::nullopt;
    }
    std::optional<Image> img = find(name);
    if (!img) return std::nullopt;
    if (amd64 && best_d == 0)
        return ResolvedImage{std::move(*img), name, BaseMatch::same,
                             want_name + " is the amd64 build of " + name +
                                 " (Docker Hub's amd64/ repositories): shown with its real layer structure." +
                                 pin_note(ref)};
    std::string note = want_name + " is shown with " + name +
                       "'s files, the nearest variant layerlab has; the layout is as in the real image, sizes and "
                       "versions approximate.";
    return ResolvedImage{std::move(*img), name, BaseMatch::nearest, note + pin_note(ref)};
}

std::optional<ResolvedImage> BuiltinImages::stand_in_for(const ImageRef& ref) {
    // an Alpine-based image (its tag says so) gets the newest Alpine, so that
    // its apk commands still run; anything else debian:bookworm-slim
    std::string base = "debian:bookworm-slim", userland = "a shell and an ordinary Debian userland";
    const bool alpine = tag_shape(ref.repository(), ref.tag_or_latest()).family == "alpine" ||
                        ref.path.find("alpine") != std::string::npos;  // mhart/alpine-node
    if (alpine)
        if (std::optional<ResolvedImage> a = nearest(*parse_image_ref("alpine:latest"), nullptr)) {
            base = a->shown_as;
            userland = "a shell and an Alpine userland";
        }
    // an image built on the python or node image (its name says so:
    // tiangolo/uvicorn-gunicorn-fastapi:python3.9-slim, public.ecr.aws/lambda/python:3.12)
    // stands on layerlab's nearest python or node image, so pip or npm is there
    const std::string words = ref.path + ":" + ref.tag_or_latest();
    for (const char* lang : {"python", "node"}) {
        if (words.find(lang) == std::string::npos || m_last_error) continue;
        if (std::optional<ResolvedImage> a =
                nearest(*parse_image_ref(std::string(lang) + (alpine ? ":alpine" : ":slim")), nullptr)) {
            base = a->shown_as;
            userland = std::string("a shell, an ") + (alpine ? "Alpine" : "ordinary Debian") + " userland and " +
                       (lang[0] == 'p' ? "Python with pip" : "Node.js with npm") + ", which the real image's name says it has";
        }
        break;
    }
    if (m_last_error) return std::nullopt;  // the chosen base's data is not loaded yet (missing())
    std::optional<Image> img = find(base);
    if (!img) return std::nullopt;
    const std::string want = ref.familiar();
    for (size_t i = 0; i < img->history.size(); ++i)
        img->history.mut(i).comment = "layerlab stand-in for " + want + ": not the real image's layer";
    const std::string tools = add_toolchain_layer(*m_store, *img, ref);
    return ResolvedImage{std::move(*img), base, BaseMatch::stand_in,
                         want + " is not in layerlab: a stand-in takes its place (" + base +
                             "'s layers: " + userland + ") so that the rest of the Dockerfile can be stepped through. Its layers are "
                             "not the real image's." + tools};
}

}  // namespace ll::build
