// bases.h: the images a FROM line can name without a registry.
//
//   BuiltinImages
//     extra images      --image NAME=OCI_DIR (CLI), images bundled with the page
//     built-in bases    debian:bookworm-slim, python:3.11-slim,
//                       node:20-bookworm-slim, busybox: made from the real
//                       Debian package data in assets/catalog/image-*.txt
//
// A built-in base is a BaseImage (catalog.h) turned into layers: every
// CatalogFile becomes an Entry with its real path, type, mode, owner and size.
// Contents are the real bytes where the catalog keeps them (small /etc
// files), otherwise synthetic: BlobStore::random seeded from the path and
// size, so the same package file in two images is one blob (and one set of
// bytes when exported). Hard links share a link group. Images are built once
// per BuiltinImages (and so per Store) and then returned by value (cheap: the
// layers are shared), so `FROM debian:bookworm-slim` twice costs nothing.
//
// The core does no I/O: the CLI reads assets/catalog/*.txt, the browser
// fetches them, and both hand the texts in.
//
//     BuiltinImages bases(store, &apt);
//     bases.add_catalog_image(read("image-debian-bookworm-slim.txt"), "image-debian-bookworm-slim.txt");
//     bases.add_image("busybox-base", imported.image);
//     std::optional<Image> img = bases.find("docker.io/library/debian:bookworm-slim");
//     std::optional<ResolvedImage> r = bases.resolve(*parse_image_ref("node:18-alpine"), true);
//     // r->match == BaseMatch::nearest, r->note says which image stands for it
//
// Nearest variant: a tag reads as VERSION-VARIANT ("3.11-slim-bookworm",
// "18-alpine3.19", "bookworm-slim"): the distro family (Alpine, Debian,
// Ubuntu; a Debian release name counts as Debian; a tag that names none has
// the repository's default family, that of a base with such a tag, else
// Debian) must match (golang:1.21, Debian, never resolves to an Alpine
// golang: it gets the labelled stand-in, whose note says why), then
// slim or not, then the other words (fpm, jre, ...), then the version
// (nearest; "latest", "lts" and no version take the newest).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/build/builder.h"
#include "core/catalog/catalog.h"

namespace ll::build {

// The layers, config and history of a BaseImage in `store`.
Image image_from_base(Store& store, const BaseImage& base);
// The same on top of `below`, the image its first layers already are (the
// base image it was built on): those layers are shared, not rebuilt.
Image image_from_base(Store& store, const BaseImage& base, const Image& below);

class BuiltinImages final : public ImageSource {
public:
    // `apt` (the Debian catalog) is needed by images that install packages
    // (K lines); it must outlive this object. It may be null if only
    // self-contained images (busybox) and extra images are used. A deferred
    // one (LazyCatalog) is parsed only when an image with K lines is first used.
    BuiltinImages(Store& store, LazyCatalog apt);

    // Registers a built-in base from its catalog text. It is parsed when
    // first used (an image that builds on another, "@base", finds it here).
    // The name is the catalog's @name. Returns that name.
    Result<std::string> add_catalog_image(std::string_view text, std::string_view file_name);
    // Registers a base by name only (the page's manifest, assets/catalog/
    // bases.txt): its data is not here yet. A FROM that needs it fails with
    // the file named in missing(); add_catalog_image(text, file_name) later
    // fills it in, and the next build uses it.
    void add_catalog_stub(std::string name, std::vector<std::string> tags, std::string file_name);
    // The catalog files a FROM needed but that were only stubs, since the
    // last clear_missing() (the page fetches these and builds again).
    const std::vector<std::string>& missing() const { return m_missing; }
    void clear_missing() { m_missing.clear(); }
    // Registers a ready image (an imported OCI layout) under `name`; these
    // are found before the built-in bases.
    void add_image(std::string_view name, Image image);

    std::optional<Image> find(std::string_view name) override;
    std::vector<std::string> names() const override;
    // Exact name, another tag of the same image (@tag lines), the nearest
    // variant of the same repository, else (with `stand_in`) a stand-in
    // made of debian:bookworm-slim's layers, labelled as such.
    std::optional<ResolvedImage> resolve(const ImageRef& ref, bool stand_in) override;
    // Why the last find() of a known name failed (a broken catalog), if it did.
    std::optional<Error> last_error() const override { return m_last_error; }

private:
    struct CatalogImage {
        std::string name;
        std::vector<std::string> tags;  // @tag: other names of the same image
        std::string file_name;
        std::string text;
        bool stub = false;  // known by name only: its text is not loaded
        std::optional<BaseImage> parsed;
        std::optional<Image> image;
    };
    const BaseImage* load(CatalogImage& ci);
    CatalogImage* catalog_image(std::string_view normalized);
    // The nearest variant of the same repository and distribution family; a
    // nearer one of another family is not taken: `other_family` says which.
    std::optional<ResolvedImage> nearest(const ImageRef& ref, std::string* other_family);
    std::optional<ResolvedImage> stand_in_for(const ImageRef& ref);
    // What is approximated in a loaded catalog image and the images below it
    // (their @approx lines, "NAME: text"), "" when all of it is real data.
    std::string approx_label(const std::string& name);
    void mark_approximated(ResolvedImage& r);

    Store* m_store;
    LazyCatalog m_apt;
    std::map<std::string, Image> m_extra;    // normalized name -> image
    std::vector<std::string> m_extra_names;  // as given, in order
    std::vector<std::unique_ptr<CatalogImage>> m_catalog;
    std::optional<Error> m_last_error;
    std::vector<std::string> m_missing;
};

}  // namespace ll::build
