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

void CatalogSet::finish(bool packages) {
    m_errors.clear();
    m_catalogs.clear();
    m_shell = shell::Catalogs{};
    m_apt_files = nullptr;
    // Package catalogs first: the images need the apt one.
    const Catalog* index = nullptr;
    for (const auto& [name, text] : m_texts)
        if (!is_image_catalog(name) && name != k_manifest && packages) parse_package_catalog(name, text, index);
    // The archive-wide index completes the apt catalog (its file lists are
    // synthesized on first use); without the file-list catalog it stands alone.
    if (index) {
        if (m_apt_files)
            m_apt_files->attach_index(*index);
        else
            m_shell.apt = index;
    }
    m_images = std::make_unique<BuiltinImages>(*m_store, m_shell.apt);
    for (const auto& [name, text] : m_texts) {
        if (!is_image_catalog(name)) continue;
        Result<std::string> r = m_images->add_catalog_image(text, name);
        if (!r) m_errors.push_back(r.error());
    }
    if (auto it = m_texts.find(std::string(k_manifest)); it != m_texts.end()) add_manifest_stubs(it->second);
    m_texts.clear();  // parsed; the images keep their own text until first use
}

void CatalogSet::finish_more() {
    const Catalog* index = nullptr;
    for (const auto& [name, text] : m_texts)
        if (!is_image_catalog(name) && name != k_manifest) parse_package_catalog(name, text, index);
    if (index) {
        if (m_apt_files)
            m_apt_files->attach_index(*index);
        else
            m_shell.apt = index;
    }
    for (const auto& [name, text] : m_texts) {
        if (!is_image_catalog(name)) continue;
        Result<std::string> r = m_images->add_catalog_image(text, name);
        if (!r) m_errors.push_back(r.error());
    }
    if (auto it = m_texts.find(std::string(k_manifest)); it != m_texts.end()) add_manifest_stubs(it->second);
    m_images->clear_missing();
    m_texts.clear();
}

}  // namespace ll::build
