// standin_source.cpp: source builds over a stand-in tree (standin.h). Where
// a Dockerfile builds a project from its source archive (the official
// python, memcached, haproxy images; OpenSSL in rabbitmq's), layerlab has
// only the archive's placeholder, so the build is stood in: `make` writes
// the program the project builds in the tree, `make install` writes labelled
// placeholders where the project's own install target puts its files. The
// layouts are the projects' install rules (CPython's Makefile.pre.in
// bininstall/libainstall/maninstall and ensurepip; memcached's Makefile.am;
// haproxy's Makefile install-bin/install-man; redis's src/Makefile install;
// php-src's install-cli/install-programs/install-pear;
// Erlang/OTP's make install, its
// bin/ linked into lib/erlang/bin; OpenSSL 3's unix-Makefile.tmpl
// install_sw/install_ssldirs/install_fips, lib64 on x86_64 Linux); the
// sizes are approximate (stripped amd64 builds).
#include <cctype>

#include "core/container.h"
#include "core/standin.h"

namespace ll::standin {

namespace {

constexpr uint64_t k_kib = 1024, k_mib = 1024 * 1024;

// "Python-3.12.13" -> {"python", "3.12.13"}; "otp_src_26.2.5" -> {"otp_src", "26.2.5"};
// "node-v22.1.0-linux-x64" -> {"node", "v22.1.0-linux-x64"}
void split_name_version(const std::string& stem, SourceProject& p) {
    size_t cut = std::string::npos;
    for (size_t i = 1; i + 1 < stem.size(); ++i)
        if ((stem[i] == '-' || stem[i] == '_') &&
            (std::isdigit(static_cast<unsigned char>(stem[i + 1])) ||
             (stem[i + 1] == 'v' && i + 2 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i + 2]))))) {
            cut = i;
            break;
        }
    std::string name = cut == std::string::npos ? stem : stem.substr(0, cut);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    p.name = name;
    p.version = cut == std::string::npos ? std::string() : stem.substr(cut + 1);
}

void file(std::vector<SourceOutput>& out, std::string path, uint64_t size, uint32_t mode = 0755) {
    out.push_back({std::move(path), size, {}, mode});
}
void link(std::vector<SourceOutput>& out, std::string path, std::string target) {
    out.push_back({std::move(path), 0, std::move(target), 0777});
}

bool is_install(std::string_view t) { return t.rfind("install", 0) == 0 || t == "altinstall"; }

void python_outputs(const SourceProject& p, std::string_view target, const std::string& pre,
                    std::vector<SourceOutput>& out) {
    size_t dot = p.version.find('.', p.version.find('.') + 1);
    const std::string xy = p.version.substr(0, dot);  // "3.12"
    if (!is_install(target)) {
        file(out, "python", 24 * k_kib);
        if (target.empty() || target == "all") file(out, "libpython" + xy + ".so.1.0", 6 * k_mib, 0755);
        return;
    }
    const bool alt = target == "altinstall";
    // 2to3 went away in 3.13; the version comes from an archive's name, so
    // read its minor number without trusting it ("Python-3.x.tar.xz")
    int minor = -1;
    for (size_t i = 2; xy.size() >= 3 && xy[1] == '.' && i < xy.size() && minor < 1000; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(xy[i]))) break;
        minor = (minor < 0 ? 0 : minor * 10) + (xy[i] - '0');
    }
    const bool has_2to3 = minor >= 0 && minor < 13;
    file(out, pre + "/bin/python" + xy, 17 * k_kib);
    file(out, pre + "/bin/python" + xy + "-config", 3 * k_kib);
    file(out, pre + "/bin/idle" + xy, 1 * k_kib);
    file(out, pre + "/bin/pydoc" + xy, 1 * k_kib);
    file(out, pre + "/bin/pip" + xy, 1 * k_kib);  // ensurepip
    if (has_2to3) file(out, pre + "/bin/2to3-" + xy, 1 * k_kib);
    if (!alt) {
        link(out, pre + "/bin/python3", "python" + xy);
        link(out, pre + "/bin/python3-config", "python" + xy + "-config");
        link(out, pre + "/bin/idle3", "idle" + xy);
        link(out, pre + "/bin/pydoc3", "pydoc" + xy);
        file(out, pre + "/bin/pip3", 1 * k_kib);
        if (has_2to3) link(out, pre + "/bin/2to3", "2to3-" + xy);
    }
    file(out, pre + "/lib/libpython" + xy + ".so.1.0", 6 * k_mib);
    link(out, pre + "/lib/libpython" + xy + ".so", "libpython" + xy + ".so.1.0");
    file(out, pre + "/lib/libpython3.so", 16 * k_kib);
    file(out, pre + "/lib/python" + xy + "/LAYERLAB-STAND-IN-stdlib", 40 * k_mib, 0644);
    file(out, pre + "/lib/python" + xy + "/site-packages/pip/__init__.py", 12 * k_mib, 0644);
    file(out, pre + "/include/python" + xy + "/Python.h", 3 * k_kib, 0644);
    file(out, pre + "/share/man/man1/python" + xy + ".1", 20 * k_kib, 0644);
}

void openssl_outputs(std::string_view target, const std::string& pre, const std::string& ssldir,
                     std::vector<SourceOutput>& out) {
    if (!is_install(target)) {
        file(out, "apps/openssl", 1 * k_mib);
        file(out, "libssl.so.3", 700 * k_kib);
        file(out, "libcrypto.so.3", 5 * k_mib);
        return;
    }
    if (target == "install" || target == "install_sw") {
        file(out, pre + "/bin/openssl", 1 * k_mib);
        file(out, pre + "/bin/c_rehash", 7 * k_kib);
        file(out, pre + "/lib64/libssl.so.3", 700 * k_kib);
        file(out, pre + "/lib64/libcrypto.so.3", 5 * k_mib);
        link(out, pre + "/lib64/libssl.so", "libssl.so.3");
        link(out, pre + "/lib64/libcrypto.so", "libcrypto.so.3");
        file(out, pre + "/lib64/pkgconfig/openssl.pc", 1 * k_kib, 0644);
        file(out, pre + "/include/openssl/ssl.h", 120 * k_kib, 0644);
    }
    if (target == "install" || target == "install_ssldirs") {
        file(out, ssldir + "/openssl.cnf", 0, 0644);
        file(out, ssldir + "/openssl.cnf.dist", 0, 0644);
        file(out, ssldir + "/ct_log_list.cnf", 0, 0644);
        file(out, ssldir + "/misc/CA.pl", 8 * k_kib);
        out.push_back({ssldir + "/certs/", 0, {}, 0755});
        out.push_back({ssldir + "/private/", 0, {}, 0700});
    }
    if (target == "install_fips") {
        file(out, pre + "/lib64/ossl-modules/fips.so", 2 * k_mib);
        file(out, ssldir + "/fipsmodule.cnf", 0, 0644);
    }
}

}  // namespace

SourceProject source_project(const Container& c, std::string_view tree) {
    SourceProject p;
    Result<std::string> label = c.read_text(std::string(tree) + "/" + std::string(k_tree_label), 4096);
    if (!label) return p;
    const std::string first = label->substr(0, label->find('\n'));
    const size_t at = first.find(" for ");
    if (at == std::string::npos) return p;
    // "... for URL" or "... for NAME.tar.xz, a member of a downloaded archive: ..."
    std::string what = first.substr(at + 5);
    if (size_t comma = what.find(", "); comma != std::string::npos) what.resize(comma);
    p.archive = url_file_name(what);
    split_name_version(archive_stem(p.archive), p);
    return p;
}

std::vector<SourceOutput> make_outputs(const SourceProject& p, std::string_view target, const std::string& prefix,
                                       const std::string& openssldir) {
    std::vector<SourceOutput> out;
    const std::string& pre = prefix;
    if (target == "test" || target == "check" || target == "clean" || target == "distclean") return out;
    if (p.name == "python") {
        python_outputs(p, target, pre, out);
    } else if (p.name == "openssl") {
        openssl_outputs(target, pre, openssldir.empty() ? pre + "/ssl" : openssldir, out);
    } else if (p.name == "memcached") {
        if (!is_install(target)) return {{"memcached", 700 * k_kib, {}, 0755}};
        file(out, pre + "/bin/memcached", 700 * k_kib);
        file(out, pre + "/include/memcached/protocol_binary.h", 16 * k_kib, 0644);
        file(out, pre + "/share/man/man1/memcached.1", 8 * k_kib, 0644);
    } else if (p.name == "otp_src" || p.name == "otp") {
        // Erlang/OTP's make install: the release under lib/erlang, its
        // programs linked from bin (erts and application versions are not
        // known here: the rest of the release is one placeholder)
        if (!is_install(target)) return out;
        for (const char* b : {"ct_run", "dialyzer", "epmd", "erl", "erlc", "escript", "run_erl", "to_erl", "typer"}) {
            file(out, pre + "/lib/erlang/bin/" + b, 8 * k_kib);
            link(out, pre + "/bin/" + b, "../lib/erlang/bin/" + std::string(b));
        }
        file(out, pre + "/lib/erlang/LAYERLAB-STAND-IN-release", 90 * k_mib, 0644);
    } else if (p.name == "redis") {
        // redis's src/Makefile: `all` builds the programs in src/; `install`
        // copies server, benchmark and cli to PREFIX/bin and links
        // check-rdb, check-aof and sentinel to the server
        if (!is_install(target)) {
            for (const char* b : {"redis-server", "redis-benchmark", "redis-cli"}) file(out, std::string("src/") + b, 5 * k_mib);
            return out;
        }
        file(out, pre + "/bin/redis-server", 10 * k_mib);
        file(out, pre + "/bin/redis-benchmark", 5 * k_mib);
        file(out, pre + "/bin/redis-cli", 5 * k_mib);
        for (const char* l : {"redis-check-rdb", "redis-check-aof", "redis-sentinel"})
            link(out, pre + "/bin/" + l, "redis-server");
    } else if (p.name == "php") {
        // php-src's make install: install-cli (bin/php), install-programs (phpize,
        // php-config), install-build and install-headers, phar's Makefile.frag
        // (phar.phar, phar -> phar.phar), and install-pear (pear, peardev,
        // pecl and PEAR in lib/php) as the official images configure it
        // (--with-pear), and opcache.so; SAPIs chosen by ./configure (fpm, cgi) are not known here
        if (!is_install(target)) return {{"sapi/cli/php", 18 * k_mib, {}, 0755}};
        file(out, pre + "/bin/php", 18 * k_mib);
        for (const char* b : {"phpize", "php-config"}) file(out, pre + "/bin/" + b, 8 * k_kib);
        file(out, pre + "/bin/phar.phar", 64 * k_kib);
        link(out, pre + "/bin/phar", "phar.phar");
        for (const char* b : {"pear", "peardev", "pecl"}) file(out, pre + "/bin/" + b, 1 * k_kib);
        file(out, pre + "/lib/php/build/LAYERLAB-STAND-IN", 400 * k_kib, 0644);
        file(out, pre + "/lib/php/PEAR.php", 3 * k_mib, 0644);
        file(out, pre + "/include/php/main/php.h", 2 * k_mib, 0644);
        // opcache is built shared (PHP 8.0 to 8.4), in the extension folder of
        // the version's module API, where docker-php-ext-enable looks for it
        std::string api = "20230831";
        for (const auto& [v, a] : {std::pair<std::string_view, const char*>{"8.0", "20200930"}, {"8.1", "20210902"},
                                   {"8.2", "20220829"}, {"8.3", "20230831"}, {"8.4", "20240924"}})
            if (p.version.rfind(std::string(v) + ".", 0) == 0 || p.version == v) api = a;
        const std::string ext_dir = pre + "/lib/php/extensions/no-debug-non-zts-" + api + "/";
        file(out, ext_dir + "opcache.so", 2 * k_mib);
        // and every extension ./configure was told to build shared (--with-sodium=shared)
        for (const std::string& a : p.configure_args) {
            size_t eq = a.find("=shared");
            bool with = a.rfind("--with-", 0) == 0, enable = a.rfind("--enable-", 0) == 0;
            if (eq == std::string::npos || (!with && !enable)) continue;
            std::string ext = a.substr(with ? 7 : 9, eq - (with ? 7 : 9));
            for (char& ch : ext)
                if (ch == '-') ch = '_';
            if (!ext.empty()) file(out, ext_dir + ext + ".so", 256 * k_kib);
        }
    } else if (p.name == "haproxy") {
        if (!is_install(target)) return {{"haproxy", 4 * k_mib, {}, 0755}};
        if (target != "install-man" && target != "install-doc") file(out, pre + "/sbin/haproxy", 4 * k_mib);
        if (target == "install" || target == "install-man")
            file(out, pre + "/share/man/man1/haproxy.1", 8 * k_kib, 0644);
    }
    return out;
}

}  // namespace ll::standin
