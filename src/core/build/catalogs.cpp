#include "core/build/catalogs.h"

namespace ll::build {

CatalogSet::CatalogSet(Store& store) : m_store(&store), m_images(std::make_unique<BuiltinImages>(store, nullptr)) {}

void CatalogSet::add(std::string file_name, std::string text) { m_texts[std::move(file_name)] = std::move(text); }

bool CatalogSet::is_image_catalog(std::string_view file_name) { return file_name.substr(0, 6) == "image-"; }

void CatalogSet::parse_package_catalog(const std::string& name, const std::string& text, const Catalog*& index) {
    Result<Catalog> c = parse_catalog(text, name);
    if (!c) {
        m_errors.push_back(c.error());
        return;
    }
    m_catalogs.push_back(std::make_unique<Catalog>(std::move(c.value())));
    Catalog* cat = m_catalogs.back().get();
    switch (cat->kind) {
    case CatalogKind::apt: m_shell.apt = m_apt_files = cat; break;
    case CatalogKind::state: m_shell.apt_state = cat; break;
    case CatalogKind::pip: m_shell.pip = cat; break;
    case CatalogKind::npm: m_shell.npm = cat; break;
    case CatalogKind::apk: m_shell.apk = cat; break;
    case CatalogKind::apt_index: index = cat; break;
    case CatalogKind::image: break;
    }
}

void CatalogSet::add_manifest_stubs(std::string_view manifest) {
    size_t i = 0;
    while (i < manifest.size()) {
        size_t j = manifest.find('\n', i);
        if (j == std::string_view::npos) j = manifest.size();
        std::string_view line = manifest.substr(i, j - i);
        i = j + 1;
        std::vector<std::string> words;
        for (size_t b = 0; b < line.size();) {
            size_t e = line.find_first_of(" \t\r", b);
            if (e == std::string_view::npos) e = line.size();
            if (e > b) words.emplace_back(line.substr(b, e - b));
            b = e + 1;
        }
        if (words.size() < 2 || words[0][0] == '#' || !is_image_catalog(words[0])) continue;
        m_images->add_catalog_stub(words[1], std::vector<std::string>(words.begin() + 2, words.end()), words[0]);
    }
}

// Lazy mode: each package catalog waits in m_deferred until its LazyCatalog
// (or the apt catalog's attached index) is first read.
void CatalogSet::defer_package_catalogs() {
    std::string apt_name;
    for (auto& [name, text] : m_texts) {
        if (is_image_catalog(name) || name == k_manifest) continue;
        Result<CatalogKind> kind = catalog_kind(text, name);
        if (!kind) {
            m_errors.push_back(kind.error());
            continue;
        }
        m_deferred[name] = std::move(text);
        std::function<const Catalog*()> later = [this, n = name] { return parse_deferred(n); };
        switch (*kind) {
        case CatalogKind::apt: apt_name = name; break;
        case CatalogKind::apt_index: m_index_name = name; break;
        case CatalogKind::state: m_shell.apt_state.defer(later); break;
        case CatalogKind::pip: m_shell.pip.defer(later); break;
        case CatalogKind::npm: m_shell.npm.defer(later); break;
        case CatalogKind::apk: m_shell.apk.defer(later); break;
        case CatalogKind::image: break;
        }
    }
    // without the file-list catalog the index stands alone as the apt catalog
    const std::string& apt = apt_name.empty() ? m_index_name : apt_name;
    if (!apt.empty()) m_shell.apt.defer([this, n = apt] { return parse_deferred(n); });
}

const Catalog* CatalogSet::parse_deferred(const std::string& name) {
    if (auto it = m_parsed.find(name); it != m_parsed.end()) return it->second;
    auto t = m_deferred.find(name);
    if (t == m_deferred.end()) return nullptr;
    const Catalog* index = nullptr;  // an index is attached below instead
    const size_t before = m_catalogs.size();
    parse_package_catalog(name, t->second, index);
    m_deferred.erase(t);
    Catalog* cat = m_catalogs.size() > before ? m_catalogs.back().get() : nullptr;
    m_parsed[name] = cat;
    if (cat && cat->kind == CatalogKind::apt && !m_index_name.empty())
        cat->attach_index_later([this, n = m_index_name] { return parse_deferred(n); });
    return cat;
}

// The package catalogs of m_texts, parsed now. The archive-wide index
// completes the apt catalog (its file lists are synthesized on first use);
// without the file-list catalog it stands alone.
void CatalogSet::parse_package_texts() {
    const Catalog* index = nullptr;
    for (const auto& [name, text] : m_texts)
        if (!is_image_catalog(name) && name != k_manifest) parse_package_catalog(name, text, index);
    if (index) {
        if (m_apt_files)
            m_apt_files->attach_index(*index);
        else
            m_shell.apt = index;
    }
}

// The image catalogs and the manifest of m_texts, registered with m_images
// (parsed when a FROM first names them); m_texts is then done with.
void CatalogSet::register_image_texts() {
    for (const auto& [name, text] : m_texts) {
        if (!is_image_catalog(name)) continue;
        Result<std::string> r = m_images->add_catalog_image(text, name);
        if (!r) m_errors.push_back(r.error());
    }
    if (auto it = m_texts.find(std::string(k_manifest)); it != m_texts.end()) add_manifest_stubs(it->second);
    m_texts.clear();
}

void CatalogSet::finish(Parse mode) {
    m_errors.clear();
    m_catalogs.clear();
    m_deferred.clear();
    m_parsed.clear();
    m_index_name.clear();
    m_shell = shell::Catalogs{};
    m_apt_files = nullptr;
    // Package catalogs first: the images need the apt one.
    if (mode == Parse::lazy)
        defer_package_catalogs();
    else
        parse_package_texts();
    m_images = std::make_unique<BuiltinImages>(*m_store, m_shell.apt);
    register_image_texts();
}

void CatalogSet::finish_more() {
    // a lazy set parses what it deferred first, so the new files join a whole set
    while (!m_deferred.empty()) (void)parse_deferred(m_deferred.begin()->first);
    parse_package_texts();
    register_image_texts();
    m_images->clear_missing();
}

}  // namespace ll::build
