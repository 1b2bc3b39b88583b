// lazy_catalog.h: a package catalog parsed on first use (LazyCatalog), in a
// header of its own so that shell.h needs no more than a declaration of
// Catalog (core/catalog/catalog.h).
#pragma once
#include <functional>
#include <utility>

namespace ll {

struct Catalog;

// A catalog that may be parsed on first use. build::CatalogSet hands these to
// the shell in its lazy mode (the CLI): a build that runs no package manager
// never parses the 1.5 MB apt catalog, nor the 10 MB archive index. A plain
// pointer converts to one (tests, the Lab's eager mode). The loader must give
// the same catalog each time it is called (copies of this object each call it
// once).
class LazyCatalog {
public:
    LazyCatalog() = default;
    LazyCatalog(const Catalog* c) : m_cat(c) {}  // NOLINT(google-explicit-constructor)
    LazyCatalog& operator=(const Catalog* c) {
        m_cat = c;
        m_load = nullptr;
        return *this;
    }
    void defer(std::function<const Catalog*()> load) {
        m_cat = nullptr;
        m_load = std::move(load);
    }
    // The catalog (parsed now if it was deferred), or nullptr.
    const Catalog* get() const {
        if (m_load) {
            std::function<const Catalog*()> load = std::move(m_load);
            m_load = nullptr;
            m_cat = load();
        }
        return m_cat;
    }

private:
    mutable const Catalog* m_cat = nullptr;
    mutable std::function<const Catalog*()> m_load;
};

}  // namespace ll
