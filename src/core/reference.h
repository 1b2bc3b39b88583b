// reference.h: image references ("python:3.11-slim", "ghcr.io/o/app@sha256:..."),
// read the way Docker and BuildKit read them.
//
// The grammar is the one of distribution/reference (the package Docker,
// BuildKit and containerd share):
//
//   reference   := name [ ":" tag ] [ "@" digest ]
//   name        := [domain "/"] path-component ["/" path-component]*
//   domain      := host [":" port]        host: a-z A-Z 0-9 and '-' parts joined by '.', or [IPv6]
//   path-component := [a-z0-9]+ ( ("." | "_" | "__" | "-"+) [a-z0-9]+ )*
//   tag         := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//   digest      := algorithm ":" hex      (sha256: 64 lowercase hex digits)
//
// and names are normalized as ParseNormalizedNamed does: a first component
// without '.' or ':' (and not "localhost") is not a registry, so "python" is
// docker.io/library/python and "owner/app" is docker.io/owner/app.
//
// parse_image_ref returns the same words Docker prints for a bad reference
// ("invalid reference format: repository name (library/UPPER) must be
// lowercase", "invalid reference format"); the builder adds BuildKit's
// "failed to parse stage name ..." and the Dockerfile place.
//
//     Result<ImageRef> r = parse_image_ref("docker.io/library/node:18-alpine");
//     r->repository()  == "node"        r->tag == "18-alpine"
//     r->familiar()    == "node:18-alpine"
#pragma once
#include <string>
#include <string_view>

#include "core/base.h"

namespace ll {

struct ImageRef {
    std::string domain;  // "docker.io", "ghcr.io", "localhost:5000"
    std::string path;    // "library/python", "owner/app"
    std::string tag;     // as written; "" when none was (Docker then uses "latest")
    std::string digest;  // "sha256:<hex>" or ""

    // Docker's familiar repository name: "python", "owner/app", "ghcr.io/owner/app".
    std::string repository() const;
    std::string tag_or_latest() const { return tag.empty() ? "latest" : tag; }
    // "python:3.11-slim" ("python:latest" when no tag was written); the digest is left out.
    std::string familiar() const;
    // "docker.io/library/python:3.11-slim" (+ "@digest" when pinned), as BuildKit logs it.
    std::string canonical() const;
};

// Docker's ParseNormalizedNamed. The error message is Docker's own wording.
Result<ImageRef> parse_image_ref(std::string_view s);

}  // namespace ll
