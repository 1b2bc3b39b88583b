// start.h: what dockerd and runc set up before a container's first process
// runs, in one place for every caller: the Lab's containers (the page's
// terminal, the JS API's exec) and `layerlab run`.
//
//   env          the image's Env, then PATH (moby's default, when the image
//                sets none), HOSTNAME=<container name>, and HOME when the
//                image sets none: the user's home directory from the
//                container's /etc/passwd, or "/" (runc's setupUser)
//   working dir  the image's WorkingDir, or "/"; created (root, 0755) when
//                missing, as dockerd's setupWorkingDirectory does
//   user         the image's User (resolved by the shell through
//                /etc/passwd and /etc/group, as runc does)
//   mounts       /proc, /sys, /dev, /etc/hosts, /etc/resolv.conf and
//                /etc/hostname (Container::mount_runtime, docker_run)
//
//     ll::shell::Start s = ll::shell::start_container(c, "c1", catalogs);
//     if (!s.workdir) report(s.workdir.error());
//     ll::shell::Session term(c, s.options);
#pragma once
#include <string>
#include <string_view>

#include "core/container.h"
#include "core/shell/shell.h"

namespace ll::shell {

struct Start {
    Options options;
    Status workdir;  // an error if the missing WorkingDir could not be created
};

// The options a container's process starts with; creates a missing
// WorkingDir in the container's writable layer. `name` is the container's
// name (HOSTNAME, `hostname`).
Start start_container(Container& c, const std::string& name, const Catalogs* catalogs);

// HOME as runc sets it when the environment has none: the home directory of
// `user` ("name", "uid", "name:group", ...) in the container's /etc/passwd,
// or "/" when there is no such user or no home.
std::string home_of(const Container& c, std::string_view user);

}  // namespace ll::shell
