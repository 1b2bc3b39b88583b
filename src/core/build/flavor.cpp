// flavor.cpp: the three builders layerlab reproduces, one row of rules each
// (FlavorRules in engine.h says what each field means; tests/build/README.md
// lists the differences R1-R12 with the sources they were checked against).
#include "core/build/engine.h"

namespace ll::build {

namespace detail {

namespace {

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
    r.scratch_working_dir = "/";       // R5
    r.scratch_sets_path = true;
    r.base_env_gets_path = true;
    r.hostname = "buildkitsandbox";
    r.supports_link = true;
    return r;
}();

// buildah bud --layers 1.28, OCI format.
constexpr FlavorRules k_buildah = [] {
    FlavorRules r;
    r.flavor = Flavor::buildah;
    r.name = "buildah";
    r.history = HistoryStyle::nop_written;  // R3
    r.run_keyed_by_history = true;
    r.scratch_sets_path = true;      // R5: PATH, no WorkingDir
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
