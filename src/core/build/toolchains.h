// toolchains.h: the build tools an image really has, for a stand-in base.
//
// A stand-in (bases.h) is debian:bookworm-slim's (or Alpine's) layers, with
// no go, mvn, cargo or dotnet. When the image it stands for is a toolchain
// image (golang, maven, gradle, rust, eclipse-temurin, openjdk, dotnet/sdk,
// gcc), one more layer is added, labelled as a stand-in: the tool's
// programs as placeholder files at the paths the real image has them
// (/usr/local/go/bin/go, /usr/share/maven/bin/mvn, ...) and the real image's
// Env (GOPATH, JAVA_HOME, PATH, ...) and WorkingDir. The shell then finds
// `go` in $PATH and runs layerlab's go stand-in (cmd_toolchain.cpp), which
// writes labelled placeholder artifacts where the real tool writes them.
//
//     golang:1.22-alpine   -> alpine + /usr/local/go/bin/{go,gofmt}, GOPATH=/go, WORKDIR /go
//     maven:3.9-eclipse-temurin-17 -> debian + /usr/share/maven/bin/mvn, /opt/java/openjdk/bin/{java,javac,jar}
#pragma once
#include <string>

#include "core/image.h"
#include "core/reference.h"

namespace ll {
struct Store;
}

namespace ll::build {

// Adds the toolchain layer for `ref`'s repository to `img` (a stand-in) and
// returns a sentence for the FROM note ("" when the repository has none).
std::string add_toolchain_layer(Store& store, Image& img, const ImageRef& ref);

}  // namespace ll::build
