// cmd_php.cpp: the PHP images' own tools, registered through cmd_toolchain.cpp's
// toolchain_programs. The official php images (docker-library/php) ship
// four shell scripts in /usr/local/bin and PEAR's pecl; layerlab has
// placeholders for their bytes, so their behaviour is simulated here, from
// the scripts at docker-library/php commit 445bf414 (2026-07-30):
//
//   docker-php-source extract|delete   /usr/src/php from /usr/src/php.tar.xz (a stand-in tree
//                                      here: php.net's tarball is not in layerlab), or removed
//   docker-php-ext-configure EXT       phpize + ./configure in /usr/src/php/ext/EXT: a labelled Makefile
//   docker-php-ext-install EXT...      configure (if no Makefile), make, make install: EXT.so in
//                                      the extension directory (a labelled placeholder), then enable
//   docker-php-ext-enable MOD...       "extension=MOD" (zend_extension= for opcache, xdebug) in
//                                      $PHP_INI_DIR/conf.d/docker-php-ext-MOD.ini
//   pecl install NAME[-VER]...         NAME.so (a placeholder: no network, no compiler), /tmp/pear
//   php -r 'echo ini_get("extension_dir");' / -r 'exit(N);'   the official Dockerfiles' checks;
//                                      other uses of php run as a labelled stand-in
//
// On Alpine images (/lib/apk/db/installed) the scripts add $PHPIZE_DEPS as a
// virtual package and delete it after, as the real ones do, through apk.
#include <algorithm>
#include <cctype>

#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

constexpr const char* k_src = "/usr/src/php";

// PHP 8.3's bundled extensions: the directories of ext/ that hold a config.m4.
constexpr const char* k_bundled[] = {
    "bcmath",  "bz2",       "calendar",     "ctype",     "curl",      "dba",      "dl_test",    "dom",
    "enchant", "exif",      "ffi",          "fileinfo",  "filter",    "ftp",      "gd",         "gettext",
    "gmp",     "hash",      "iconv",        "imap",      "intl",      "json",     "ldap",       "mbstring",
    "mysqli",  "mysqlnd",   "oci8",         "odbc",      "opcache",   "openssl",  "pcntl",      "pcre",
    "pdo",     "pdo_dblib", "pdo_firebird", "pdo_mysql", "pdo_oci",   "pdo_odbc", "pdo_pgsql",  "pdo_sqlite",
    "pgsql",   "phar",      "posix",        "pspell",    "random",    "readline", "reflection", "session",
    "shmop",   "simplexml", "snmp",         "soap",      "sockets",   "sodium",   "spl",        "standard",
    "sysvmsg", "sysvsem",   "sysvshm",      "tidy",      "tokenizer", "xml",      "xmlreader",  "xmlwriter",
    "xsl",     "zend_test", "zip",          "zlib"};

bool is_zend_extension(const std::string& m) { return m == "opcache" || m == "xdebug"; }

// $0 of a script found through $PATH: the path it was found at.
std::string script_path(Ctx& ctx) {
    const std::string& n = ctx.argv[0];
    if (n.find('/') != std::string::npos) return n;
    const std::string* path = ctx.getenv("PATH");
    for (const std::string& d : split_char(path ? *path : "", ':'))
        if (!d.empty() && ctx.c.exists(d + "/" + n)) return d + "/" + n;
    return n;
}

// `php -r 'echo ini_get("extension_dir");'`: the image's
// /usr/local/lib/php/extensions/no-debug-non-zts-API directory.
std::string extension_dir(Ctx& ctx) {
    const std::string base = "/usr/local/lib/php/extensions";
    if (Result<std::vector<DirEntry>> ls = ctx.c.list(base))
        for (const DirEntry& d : *ls)
            if (d.name.rfind("no-debug-non-zts-", 0) == 0) return base + "/" + d.name;
    return base + "/no-debug-non-zts-20230831";
}

// Runs another simulated program (apk, tar) with this one's streams.
int run_program(Ctx& ctx, std::vector<std::string> argv) {
    const ProgramDef* def = find_program(argv[0]);
    if (!def) return 127;
    Ctx sub{ctx.sh, ctx.c, std::move(argv), ctx.fds, ctx.env};
    return def->fn(sub);
}

bool apk_world_has(Ctx& ctx, const std::string& name) {
    std::optional<std::string> w = ctx.file_text("/etc/apk/world", true);
    if (!w) return false;
    for (const std::string& l : split_char(*w, '\n'))
        if (l == name) return true;
    return false;
}

int source_extract(Ctx& ctx) {
    Container& c = ctx.c;
    (void)mkdir_p(c, k_src, 0755);
    if (c.exists(std::string(k_src) + "/.docker-extracted")) return 0;
    if (!c.exists("/usr/src/php.tar.xz"))  // tar's own error, as the script's set -e stops on it
        return run_program(ctx, {"tar", "-Jxf", "/usr/src/php.tar.xz", "-C", k_src, "--strip-components=1"});
    (void)c.write_text(std::string(k_src) + "/" + std::string(standin::k_tree_label),
                       standin::archive_member_text("/usr/src/php.tar.xz"));
    (void)c.write_text(std::string(k_src) + "/.docker-extracted", "");
    ctx.sh.note(
        "stand-in: docker-php-source extract: /usr/src/php.tar.xz is a placeholder for php.net's source "
        "tarball (layerlab has no network), so /usr/src/php is a stand-in tree: its files are not there");
    return 0;
}

int p_docker_php_source(Ctx& ctx) {
    const std::string cmd = ctx.argv.size() > 1 ? ctx.argv[1] : "";
    if (cmd == "extract") return source_extract(ctx);
    if (cmd == "delete") {
        (void)remove_tree(ctx.c, k_src);
        return 0;
    }
    ctx.out("usage: " + script_path(ctx) +
            " COMMAND\n\nManage php source tarball lifecycle.\n\nCommands:\n   extract  extract php source tarball "
            "into directory /usr/src/php if not already done.\n   delete   delete extracted php source located into "
            "/usr/src/php if not already done.\n\n");
    return 1;
}

// The options the scripts take (getopt --long help,ini-name:[,jobs:]); false on a bad one (usage printed).
struct ExtArgs {
    std::string ini_name;
    std::vector<std::string> names;
    bool help = false;
};
bool ext_args(Ctx& ctx, bool jobs, ExtArgs& a) {
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& s = ctx.argv[i];
        if (s == "--ini-name" && i + 1 < ctx.argv.size()) {
            a.ini_name = ctx.argv[++i];
        } else if (s.rfind("--ini-name=", 0) == 0) {
            a.ini_name = s.substr(11);
        } else if (jobs && (s == "-j" || s == "--jobs") && i + 1 < ctx.argv.size()) {
            ++i;
        } else if (jobs && (s.rfind("-j", 0) == 0 || s.rfind("--jobs=", 0) == 0)) {
        } else if (s == "-h" || s == "--help" || s == "-?") {
            a.help = true;
        } else if (s == "--") {
            for (++i; i < ctx.argv.size(); ++i) a.names.push_back(ctx.argv[i]);
        } else if (!s.empty() && s[0] == '-') {
            ctx.err("getopt: unrecognized option '" + s + "'\n");
            return false;
        } else if (!s.empty()) {
            a.names.push_back(s);
        }
    }
    return true;
}

std::string enable_usage(Ctx& ctx, const std::string& ext_dir) {
    const std::string self = script_path(ctx);
    std::vector<std::string> mods;
    if (Result<std::vector<DirEntry>> ls = ctx.c.list(ext_dir))
        for (const DirEntry& d : *ls)
            if (d.name.size() > 3 && d.name.substr(d.name.size() - 3) == ".so") mods.push_back(d.name);
    std::sort(mods.begin(), mods.end());
    std::string list;
    for (const std::string& m : mods) list += (list.empty() ? "" : " ") + m;
    return "usage: " + self + " [options] module-name [module-name ...]\n   ie: " + self + " gd mysqli\n       " +
           self + " pdo pdo_mysql\n       " + self +
           " --ini-name 0-apc.ini apcu apc\n\nPossible values for module-name:\n" + list +
           "\n\nSome of the above modules are already compiled into PHP; please check\nthe output of \"php -i\" "
           "to see which modules are already loaded.\n";
}

// docker-php-ext-enable's work for the modules (in the extension directory).
int enable_modules(Ctx& ctx, const std::vector<std::string>& modules, const std::string& ini_name) {
    Container& c = ctx.c;
    const std::string ext_dir = extension_dir(ctx);
    for (const std::string& m : modules)
        if (!c.exists(ext_dir + "/" + m) && !c.exists(ext_dir + "/" + m + ".so")) {
            ctx.err("error: '" + m + "' does not exist\n\n" + enable_usage(ctx, ext_dir));
            return 1;
        }
    if (modules.empty()) {
        ctx.err(enable_usage(ctx, ext_dir));
        return 1;
    }
    const std::string* dir = ctx.getenv("PHP_INI_DIR");
    const std::string conf = (dir ? *dir : std::string("/usr/local/etc/php")) + "/conf.d";
    for (const std::string& m : modules) {
        std::string ext = basename_of(m);
        ext = ext.substr(0, ext.rfind('.') == std::string::npos || ext.rfind('.') == 0 ? ext.size() : ext.rfind('.'));
        const std::string line = (is_zend_extension(ext) ? "zend_extension=" : "extension=") + m;
        // php's extension_loaded(): an ini of conf.d already loads it
        bool loaded = false;
        if (Result<std::vector<DirEntry>> ls = c.list(conf))
            for (const DirEntry& d : *ls)
                if (std::optional<std::string> t = ctx.file_text(conf + "/" + d.name, true))
                    for (const std::string& l : split_char(*t, '\n'))
                        if (l == line || l == line + ".so") loaded = true;
        if (loaded) {
            ctx.err("\nwarning: " + ext + " (" + m + ") is already loaded!\n\n");
            continue;
        }
        const std::string ini = !ini_name.empty() && ini_name[0] == '/'
                                    ? ini_name
                                    : conf + "/" + (ini_name.empty() ? "docker-php-ext-" + ext + ".ini" : ini_name);
        (void)mkdir_p(c, dirname_of(ini), 0755);
        ctx.sh.charge_data(line.size() + 1);
        (void)c.write_text(ini, line + "\n", WriteMode::append, 0644);
    }
    return 0;
}

// The scripts' apk dance on Alpine: $PHPIZE_DEPS as a virtual package while
// they build. Returns the virtual package to delete after ("" if none).
std::string phpize_deps(Ctx& ctx, const std::string& virt) {
    const std::string* deps = ctx.getenv("PHPIZE_DEPS");
    if (!ctx.c.exists("/lib/apk/db/installed") || !deps || deps->empty()) return {};
    if (virt == ".phpize-deps" && apk_world_has(ctx, ".phpize-deps-configure")) return ".phpize-deps-configure";
    if (apk_world_has(ctx, ".phpize-deps") || (virt != ".phpize-deps" && apk_world_has(ctx, ".phpize-deps-configure")))
        return {};
    std::vector<std::string> argv{"apk", "add", "--no-cache", "--virtual", virt};
    for (std::string d : split_char(*deps, ' '))
        for (std::string w : split_char(d, '\t'))
            if (!w.empty()) argv.push_back(w);
    return run_program(ctx, argv) == 0 ? virt : std::string();
}

bool bundled(const std::string& ext) {
    return std::find_if(std::begin(k_bundled), std::end(k_bundled), [&](const char* b) { return ext == b; }) !=
           std::end(k_bundled);
}

// An extension directory of the source: in a stand-in tree, PHP's bundled
// ones are there (made as their place is needed); else what the tree holds.
bool ext_dir_exists(Ctx& ctx, const std::string& ext) {
    const std::string d = std::string(k_src) + "/ext/" + ext;
    if (ctx.c.exists(d)) return true;
    if (!bundled(ext) || standin::stand_in_tree_of(ctx.c, d).empty()) return false;
    return mkdir_p(ctx.c, d, 0755).ok();
}

std::string install_usage(Ctx& ctx) {
    const std::string self = script_path(ctx);
    std::string list;
    for (const char* b : k_bundled) list += (list.empty() ? "" : " ") + std::string(b);
    return "usage: " + self + " [-jN] [--ini-name file.ini] ext-name [ext-name ...]\n   ie: " + self +
           " gd mysqli\n       " + self + " pdo pdo_mysql\n       " + self +
           " -j5 gd mbstring mysqli pdo pdo_mysql shmop\n\nif custom ./configure arguments are necessary, see "
           "docker-php-ext-configure\n\nPossible values for ext-name:\n" +
           list +
           "\n\nSome of the above modules are already compiled into PHP; please check\nthe output of \"php -i\" to see "
           "which modules are already loaded.\n";
}

void configure_ext(Ctx& ctx, const std::string& ext, const std::vector<std::string>& opts) {
    std::string text = "# layerlab stand-in: the Makefile phpize and ./configure would write for " + ext +
                       " (layerlab runs no compiler)\n# ./configure";
    for (const std::string& o : opts) text += " " + o;
    (void)ctx.c.write_text(std::string(k_src) + "/ext/" + ext + "/Makefile", text + "\n");
}

int p_docker_php_ext_configure(Ctx& ctx) {
    if (int st = source_extract(ctx)) return st;
    const std::string ext = ctx.argv.size() > 1 ? ctx.argv[1] : "";
    if (ext.empty() || !ext_dir_exists(ctx, ext)) {
        ctx.err(ext.empty()
                    ? install_usage(ctx)
                    : "error: " + std::string(k_src) + "/ext/" + ext + " does not exist\n\n" + install_usage(ctx));
        return 1;
    }
    const std::string del = phpize_deps(ctx, ".phpize-deps-configure");
    (void)del;  // docker-php-ext-install deletes it after its build
    configure_ext(ctx, ext, std::vector<std::string>(ctx.argv.begin() + 2, ctx.argv.end()));
    ctx.sh.note("stand-in: docker-php-ext-configure " + ext +
                ": phpize and ./configure did not run (layerlab runs "
                "no compiler); a labelled Makefile records the options");
    return 0;
}

int p_docker_php_ext_install(Ctx& ctx) {
    Container& c = ctx.c;
    const bool src_existed = c.exists(k_src);
    if (int st = source_extract(ctx)) return st;
    if (!src_existed) (void)c.write_text(std::string(k_src) + "/.docker-delete-me", "");
    ExtArgs a;
    if (!ext_args(ctx, true, a)) {
        ctx.err(install_usage(ctx));
        return 1;
    }
    if (a.help) {
        ctx.out(install_usage(ctx));
        return 0;
    }
    for (const std::string& e : a.names)
        if (!ext_dir_exists(ctx, e)) {
            ctx.err("error: " + std::string(k_src) + "/ext/" + e + " does not exist\n\n" + install_usage(ctx));
            return 1;
        }
    if (a.names.empty()) {
        ctx.err(install_usage(ctx));
        return 1;
    }
    const std::string del = phpize_deps(ctx, ".phpize-deps");
    const std::string ext_dir = extension_dir(ctx);
    std::vector<std::string> made;
    for (const std::string& e : a.names) {
        if (!c.exists(std::string(k_src) + "/ext/" + e + "/Makefile")) configure_ext(ctx, e, {});
        const std::string so = ext_dir + "/" + e + ".so";
        (void)mkdir_p(c, ext_dir, 0755);
        const uint64_t size = (e == "opcache" ? 1200 : e == "intl" || e == "gd" ? 500 : 150) * uint64_t(1024);
        (void)c.write(so, standin::artifact(c.store().blobs, "docker-php-ext-install " + e, so, size),
                      WriteMode::truncate, 0755);
        (void)c.chmod(so, 0755);
        made.push_back(so + " (" + format_bytes(size) + ")");
        if (int st = enable_modules(ctx, {e}, a.ini_name)) return st;
    }
    if (!del.empty()) run_program(ctx, {"apk", "del", "--no-network", del});
    if (c.exists(std::string(k_src) + "/.docker-delete-me")) (void)remove_tree(c, k_src);
    std::string list;
    for (const std::string& m : made) list += (list.empty() ? "" : ", ") + m;
    ctx.sh.note("stand-in: docker-php-ext-install: layerlab runs no compiler, so " + list +
                " is a placeholder of a plausible size; the conf.d ini files are what the real script writes");
    return 0;
}

int p_docker_php_ext_enable(Ctx& ctx) {
    ExtArgs a;
    if (!ext_args(ctx, false, a)) {
        ctx.err(enable_usage(ctx, extension_dir(ctx)));
        return 1;
    }
    if (a.help) {
        ctx.out(enable_usage(ctx, extension_dir(ctx)));
        return 0;
    }
    // the script looks in the extension directory, and needs binutils' readelf on Alpine
    const std::string ext_dir = extension_dir(ctx);
    for (const std::string& m : a.names)
        if (!ctx.c.exists(ext_dir + "/" + m) && !ctx.c.exists(ext_dir + "/" + m + ".so"))
            return enable_modules(ctx, a.names, a.ini_name);
    std::string del;
    const std::string* deps = ctx.getenv("PHPIZE_DEPS");
    if (!a.names.empty() && ctx.c.exists("/lib/apk/db/installed") && deps && !deps->empty() &&
        !apk_world_has(ctx, ".phpize-deps") && !apk_world_has(ctx, ".phpize-deps-configure") &&
        run_program(ctx, {"apk", "add", "--no-cache", "--virtual", ".docker-php-ext-enable-deps", "binutils"}) == 0)
        del = ".docker-php-ext-enable-deps";
    int st = enable_modules(ctx, a.names, a.ini_name);
    if (!del.empty()) run_program(ctx, {"apk", "del", "--no-network", del});
    return st;
}

// pecl install NAME[-VERSION] (or channel://pecl.php.net/NAME-VERSION): the
// extension's download and build stood in; its .so in the extension
// directory, pecl's temporary tree in /tmp/pear (the official images'
// documentation removes it after: rm -rf /tmp/pear).
int p_pecl(Ctx& ctx) {
    const std::string sub = ctx.argv.size() > 1 ? ctx.argv[1] : "";
    Container& c = ctx.c;
    if (sub == "update-channels" || sub == "channel-update") {
        (void)mkdir_p(c, "/tmp/pear/cache", 0755);
        ctx.sh.note("stand-in: pecl " + sub + ": layerlab has no network, so no channel was updated");
        return 0;
    }
    if (sub != "install") {
        ctx.err("pecl: layerlab simulates pecl install and update-channels (not '" + sub + "')\n");
        return 1;
    }
    const std::string ext_dir = extension_dir(ctx);
    std::vector<std::string> made;
    for (size_t i = 2; i < ctx.argv.size(); ++i) {
        std::string spec = ctx.argv[i];
        // options that take a value (pecl install -D 'enable-redis-zstd="yes"')
        if (spec == "-D" || spec == "--configureoptions" || spec == "-R" || spec == "--installroot" || spec == "-P" ||
            spec == "--packagingroot") {
            ++i;
            continue;
        }
        if (spec.empty() || spec[0] == '-') continue;
        if (size_t s = spec.rfind('/'); s != std::string::npos) spec = spec.substr(s + 1);
        std::string name = spec, version = "stable";
        if (size_t d = spec.find('-'); d != std::string::npos) {
            name = spec.substr(0, d);
            version = spec.substr(d + 1);
        }
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));  // APCu: apcu.so
        (void)mkdir_p(c, "/tmp/pear/temp/" + name, 0755);
        (void)c.write_text("/tmp/pear/temp/" + name + "/" + std::string(standin::k_tree_label),
                           standin::archive_member_text("https://pecl.php.net/get/" + spec + ".tgz"));
        const std::string so = ext_dir + "/" + name + ".so";
        (void)mkdir_p(c, ext_dir, 0755);
        (void)c.write(so, standin::artifact(c.store().blobs, "pecl install " + spec, so, 700 * 1024),
                      WriteMode::truncate, 0755);
        (void)c.chmod(so, 0755);
        made.push_back(so);
        ctx.out("Build process completed successfully\nInstalling '" + so + "'\ninstall ok: channel://pecl.php.net/" +
                name + (version == "stable" ? "" : "-" + version) +
                "\nconfiguration option \"php_ini\" is not set to php.ini location\nYou should add \"extension=" +
                name + ".so\" to php.ini\n");
    }
    std::string list;
    for (const std::string& m : made) list += (list.empty() ? "" : ", ") + m;
    ctx.sh.note("stand-in: pecl install: layerlab has no network and runs no compiler, so " +
                (list.empty() ? std::string("nothing") : list) +
                " is a placeholder (about 700 KiB); pecl's build tree is left in /tmp/pear, as the real one's is");
    return 0;
}

// php: what the official images' Dockerfiles ask of it in their checks
// (`php -r 'echo ini_get("extension_dir");'`, `php -r 'exit(0);'`); anything
// else runs as the stand-in any program layerlab does not simulate is.
int p_php(Ctx& ctx) {
    const auto& a = ctx.argv;
    for (size_t i = 1; i + 1 < a.size(); ++i) {
        if (a[i] != "-r") continue;
        const std::string& code = a[i + 1];
        if (code.find("ini_get(\"extension_dir\")") != std::string::npos && code.find("echo") != std::string::npos) {
            ctx.out(extension_dir(ctx));
            return 0;
        }
        if (code.rfind("exit(", 0) == 0 && code.size() >= 7 && std::isdigit(static_cast<unsigned char>(code[5])) &&
            code.find(')') == 6)
            return code[5] - '0';
        break;
    }
    ctx.sh.note(
        "stand-in: php is in this image but layerlab does not run PHP code: it ran as a stand-in (exit status "
        "0, no output), so whatever the real program would change in the files is not shown");
    return 0;
}

}  // namespace

std::vector<ProgramDef> php_programs() {
    return {{"docker-php-ext-configure", p_docker_php_ext_configure},
            {"docker-php-ext-enable", p_docker_php_ext_enable},
            {"docker-php-ext-install", p_docker_php_ext_install},
            {"docker-php-source", p_docker_php_source},
            {"pecl", p_pecl},
            {"php", p_php}};
}

}  // namespace ll::shell
