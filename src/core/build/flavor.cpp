// flavor.cpp: the three builders layerlab reproduces, one row of rules each
// (FlavorRules in engine.h says what each field means; tests/build/README.md
// lists the differences R1-R12 with the sources they were checked against).
#include "core/build/engine.h"

namespace ll::build {

namespace detail {

namespace {

// The number of layers. Docker (BuildKit and the classic builder alike)
// keeps an image's layers as one chain in its layer store, which refuses a
// chain deeper than 125: github.com/moby/moby layer/layer_store.go
// (037f25c9), `const maxLayerDepth = 125`, "chosen to account for the 127
// max in some graphdrivers plus the 2 additional layers used to create a
// rwlayer"; registerWithDescriptor returns ErrMaxDepthExceeded when
// `p.depth() >= maxLayerDepth`, and layer/layer.go (0173da3f) spells it
// errors.New("max depth exceeded"). overlay2 alone would stop later, at 128
// lower directories (daemon/graphdriver/overlay2/overlay.go (0018fa4a),
// maxDepth = 128, the same words). buildah's containers/storage mounts a
// layer over at most 500 lower directories (drivers/overlay/overlay.go
// (012e457b), maxDepth = 500, "max depth exceeded"): an image of 501 layers
// is the last one a RUN or COPY can still mount.
constexpr size_t k_docker_max_layers = 125;
constexpr size_t k_buildah_max_layers = 501;

// docker build with BuildKit (the default).
constexpr FlavorRules k_buildkit = [] {
    FlavorRules r;
    r.flavor = Flavor::buildkit;
    r.name = "buildkit";
    r.history = HistoryStyle::buildkit;
    r.history_comment = "buildkit.dockerfile.v0";
    r.onbuild_in_history = false;      // R4
    r.metadata_is_cache_step = false;  // only FROM, RUN, COPY, ADD, WORKDIR are keyed
    r.drops_empty_layers = true;       // R2
    r.max_layers = k_docker_max_layers;
    r.max_layers_store = "Docker's layer store";
    r.scratch_working_dir = "/";  // R5
    r.scratch_sets_path = true;
    r.base_env_gets_path = true;
    r.hostname = "buildkitsandbox";
    r.supports_link = true;
    r.copy_empty_wildcard_ok = true;  // dockerfile2llb's copy: AllowEmptyWildcard
    return r;
}();

// buildah bud --layers 1.28, OCI format.
constexpr FlavorRules k_buildah = [] {
    FlavorRules r;
    r.flavor = Flavor::buildah;
    r.name = "buildah";
    r.history = HistoryStyle::nop_written;  // R3
    r.run_keyed_by_history = true;
    r.scratch_sets_path = true;  // R5: PATH, no WorkingDir
    r.max_layers = k_buildah_max_layers;
    r.max_layers_store = "buildah's overlay storage (500 lower layers)";
    r.child_stage_inherits = false;  // R11
    r.workdir_makes_dir = false;     // R1: the next RUN/COPY makes it
    r.missing_workdir_owned_by_user = true;
    r.copy_creates_workdir = true;
    r.hostname = "localhost";
    r.run_discards_volume_changes = true;  // R10
    r.env_moves_base_var_to_end = true;    // R7
    r.expose_as_written = true;            // R9, R12
    r.shell_form_uses_shell = false;       // R8
    r.empty_shell_entrypoint_unsets = true;
    r.docker_config_fields = false;  // R4, R6
    return r;
}();

// docker build with the legacy builder (DOCKER_BUILDKIT=0).
constexpr FlavorRules k_classic = [] {
    FlavorRules r;
    r.flavor = Flavor::classic;
    r.name = "classic";
    r.history = HistoryStyle::nop_expanded;
    r.run_keyed_by_history = true;
    r.builds_stages_before_target = true;
    r.max_layers = k_docker_max_layers;
    r.max_layers_store = "Docker's layer store";
    r.workdir_dir_owned_by_user = false;  // made as root
    r.hostname = "localhost";
    r.run_discards_volume_changes = true;
    return r;
}();

}  // namespace

const FlavorRules& rules_for(Flavor f) {
    switch (f) {
    case Flavor::buildkit: return k_buildkit;
    case Flavor::buildah: return k_buildah;
    case Flavor::classic: return k_classic;
    }
    return k_buildkit;
}

}  // namespace detail

const char* flavor_name(Flavor f) { return detail::rules_for(f).name; }

std::optional<Flavor> flavor_from_name(std::string_view name) {
    for (Flavor f : {Flavor::buildkit, Flavor::buildah, Flavor::classic})
        if (name == detail::rules_for(f).name) return f;
    return std::nullopt;
}

}  // namespace ll::build
