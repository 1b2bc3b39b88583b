#include "core/build/catalogs.h"

namespace ll::build {

CatalogSet::CatalogSet(Store& store) : m_store(&store), m_images(std::make_unique<BuiltinImages>(store, nullptr)) {}

void CatalogSet::add(std::string file_name, std::string text) { m_texts[std::move(file_name)] = std::move(text); }

bool CatalogSet::is_image_catalog(std::string_view file_name) { return file_name.substr(0, 6) == "image-"; }

void CatalogSet::finish(bool packages) {
    m_errors.clear();
    m_catalogs.clear();
    m_shell = shell::Catalogs{};
    // Package catalogs first: the images need the apt one.
    const Catalog* index = nullptr;
    Catalog* apt = nullptr;
    for (const auto& [name, text] : m_texts) {
        if (is_image_catalog(name) || !packages) continue;
        Result<Catalog> c = parse_catalog(text, name);
        if (!c) {
            m_errors.push_back(c.error());
            continue;
        }
        m_catalogs.push_back(std::make_unique<Catalog>(std::move(c.value())));
        Catalog* cat = m_catalogs.back().get();
        switch (cat->kind) {
        case CatalogKind::apt: m_shell.apt = apt = cat; break;
        case CatalogKind::state: m_shell.apt_state = cat; break;
        case CatalogKind::pip: m_shell.pip = cat; break;
        case CatalogKind::npm: m_shell.npm = cat; break;
        case CatalogKind::apk: m_shell.apk = cat; break;
        case CatalogKind::apt_index: index = cat; break;
        case CatalogKind::image: break;
        }
    }
    // The archive-wide index completes the apt catalog (its file lists are
    // synthesized on first use); without the file-list catalog it stands alone.
    if (index) {
        if (apt)
            apt->attach_index(*index);
        else
            m_shell.apt = index;
    }
    m_images = std::make_unique<BuiltinImages>(*m_store, m_shell.apt);
    for (const auto& [name, text] : m_texts) {
        if (!is_image_catalog(name)) continue;
        Result<std::string> r = m_images->add_catalog_image(text, name);
        if (!r) m_errors.push_back(r.error());
    }
    m_texts.clear();  // parsed; the images keep their own text until first use
}

}  // namespace ll::build
