#include "core/shell/start.h"

#include <vector>

#include "core/users.h"

namespace ll::shell {

namespace {

bool has_env(const std::vector<std::string>& env, std::string_view key) {
    for (const std::string& e : env)
        if (e.size() > key.size() && e.compare(0, key.size(), key) == 0 && e[key.size()] == '=') return true;
    return false;
}

}  // namespace

std::string home_of(const Container& c, std::string_view user) {
    std::string_view u = user.substr(0, user.find(':'));
    if (u.empty()) u = "0";
    for (const users::Line& l : users::read(c, "/etc/passwd"))
        if (l.f.size() >= 7 && (l.f[0] == u || l.f[2] == u)) return l.f[5].empty() ? "/" : l.f[5];
    return "/";
}

Start start_container(Container& c, const std::string& name, const Catalogs* catalogs) {
    const ImageConfig& cfg = c.image().config;
    Start s;
    Options& o = s.options;
    o.env = cfg.env;
    if (!has_env(o.env, "PATH")) o.env.push_back("PATH=" + std::string(k_default_path));
    o.env.push_back("HOSTNAME=" + name);
    if (!has_env(o.env, "HOME")) o.env.push_back("HOME=" + home_of(c, cfg.user));
    o.working_dir = cfg.working_dir.empty() ? "/" : cfg.working_dir;
    o.user = cfg.user;
    o.catalogs = catalogs;
    o.hostname = name;
    o.arg0 = "/bin/sh";
    // what Docker mounts over the root: /proc, /sys, /dev, /etc/hosts, ... (container.h)
    c.mount_runtime(RuntimeMounts::docker_run, name);
    // dockerd creates a missing WorkingDir (root-owned, 0755) before the process starts
    if (!c.exists(o.working_dir)) {
        const Cred cred = c.cred();
        c.set_cred(Cred{});  // dockerd, not the container's user, makes it
        s.workdir = mkdir_p(c, o.working_dir, 0755);
        c.set_cred(cred);
    }
    return s;
}

}  // namespace ll::shell
