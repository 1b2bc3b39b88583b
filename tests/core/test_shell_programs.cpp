// The programs real Dockerfiles call (issue 12), each with the options those
// Dockerfiles use. Expected outputs were recorded from the real tools on
// Debian 12 where Debian has them: mawk 1.3.4 and busybox 1.35.0 awk (a case
// is here only when both print the same), dpkg-query/dpkg-architecture
// 1.21, GNU coreutils 9.1 install; apt-mark and shadow's useradd from their
// documentation and the oracle image; curl/wget/git/gpg follow layerlab's
// documented stand-in rule (README "Downloads and build tools").
#include <doctest/doctest.h>

#include "core/catalog/catalog.h"
#include "core/standin.h"
#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;

namespace {

// A Debian-like image: shadow and coreutils are their own files (not
// busybox links), dpkg knows bash, dash and libc6; bash's file list.
struct DebianFx {
    ShellFx f;
    Catalog apt;
    shell::Catalogs cats;
    DebianFx() {
        Result<Catalog> c = parse_catalog(
            "#layerlab-catalog 1 apt\n"
            "P bash 5.2.15-2+b7 amd64 7164 1490652\n0d/bin\n4x/bash\t1265648\n0d/usr/bin\n8x/bashbug\t7100\n"
            "P dash 0.5.12-2 amd64 211 92000\n0d/bin\n4x/dash\t125640\n"
            "P libc6 2.36-9+deb12u4 amd64 12987 2757600\nI multiarch-same status=900\n"
            "0d/lib/x86_64-linux-gnu\n21x/libc.so.6\t1922136\n"
            "P gnupg 2.2.40-1.1 all 885 360000\n",
            "test.apt.txt");
        if (!c) FAIL(c.error().describe());
        REQUIRE(c);
        apt = std::move(*c);
        cats.apt = &apt;
        f.opt.catalogs = &cats;
        std::vector<Entry> es{f.dir("/var/lib"), f.dir("/var/lib/dpkg"), f.dir("/var/lib/dpkg/info"),
                              f.dir("/var/lib/apt"), f.dir("/usr/sbin")};
        for (const char* p : {"bash", "dash", "libc6:amd64"})
            es.push_back(f.file(std::string("/var/lib/dpkg/info/") + p + ".list", "/.\n"));
        // Debian's programs are files of their own, not busybox's links
        for (const char* p : {"/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/sbin/usermod", "/usr/bin/install",
                              "/usr/bin/apt-mark", "/usr/bin/dpkg-query", "/usr/bin/dpkg", "/usr/bin/mawk",
                              "/usr/bin/sha256sum", "/usr/bin/sha512sum", "/usr/bin/curl"})
            es.push_back(f.file(p, std::string("\x7f" "ELF", 4), 0755));
        f.add_layer(es);
        f.opt.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"};
    }
};

}  // namespace

TEST_CASE("awk: the one-liners of real Dockerfiles print what mawk and busybox awk print") {
    ShellFx f;
    auto awk = [&](const std::string& input, const std::string& args) {
        f.run("printf '%s' '" + input + "' > /in");
        return f.out("awk " + args + " /in");
    };
    CHECK(awk("a b c\nd e f\n", "'{ print $2 }'") == "b\ne\n");
    CHECK(awk("amd64\narm-linux-gnueabihf\n", "-F- '{ print $NF }'") == "amd64\ngnueabihf\n");
    CHECK(awk("root:x:0:0\napp:x:1000:1000\nn:x:65534:65534\n", "-F: '$3 >= 1000 { print $1 }'") == "app\nn\n");
    CHECK(awk("l1\nl2\nl3\n", "NR==2") == "l2\n");
    CHECK(awk("1\n2\n4\n", "'{ s += $1 } END { print s, s/NR }'") == "7 2.33333\n");
    CHECK(f.out("awk 'BEGIN { printf \"%5.2f|%-4s|%03d|%x|%c|%%\\n\", 3.14159, \"ab\", 7, 255, 65 }'") ==
          " 3.14|ab  |007|ff|A|%\n");
    CHECK(awk("foo boo\n", "'{ gsub(/o/, \"0\"); print }'") == "f00 b00\n");
    CHECK(awk("/usr/lib/x.so\n/lib/y.so\nz\n", "'{ n = sub(/^\\/(usr\\/)?/, \"\", $1); print n, $1 }'") ==
          "1 lib/x.so\n1 lib/y.so\n0 z\n");
    // the docker-library idiom that keeps the libraries a build links against
    CHECK(awk("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n\tlibz.so => /usr/local/lib/libz.so (0x2)\n"
              "\tlinux-vdso.so.1 (0x3)\n",
              "'/=>/ { so = $(NF-1); if (index(so, \"/usr/local/\") == 1) { next }; gsub(\"^/(usr/)?\", \"\", so); "
              "printf \"*%s\\n\", so }'") == "*lib/x86_64-linux-gnu/libc.so.6\n");
    CHECK(awk("abcdef x\n", "'{ print length($0), length, toupper($1), tolower(\"ABC\"), substr($1, 2, 3) }'") ==
          "8 8 ABCDEF abc bcd\n");
    CHECK(awk("x,y,,z\n", "'{ n = split($0, a, \",\"); for (i = 1; i <= n; i++) print i, a[i] }'") ==
          "1 x\n2 y\n3 \n4 z\n");
    CHECK(awk("10 9\nabc abd\n", "'{ print ($1 > $2) }'") == "1\n0\n");  // strnums compare as numbers
    CHECK(f.out("awk 'BEGIN { x = \"10\"; y = 9; print (x > y), (\"10\" > \"9\") }'") == "0 0\n");  // constants: strings
    CHECK(awk("a b  c\n", "'BEGIN { OFS=\"-\" } { $1 = $1; print }'") == "a-b-c\n");
    CHECK(awk("a b\n", "'{ $3 = \"X\"; print; print NF }'") == "a b X\n3\n");
    CHECK(awk("ab c\nab z\nba c\n", "'$1 ~ /^a/ && $2 !~ /z/'") == "ab c\n");
    CHECK(f.out("awk 'BEGIN { print 1e6, 0.1+0.2, 100/3, int(-3.7) }'") == "1000000 0.3 33.3333 -3\n");
    CHECK(awk("a\nb\na\nc\nb\n", "'!seen[$0]++'") == "a\nb\nc\n");
    CHECK(awk("a\nstart\nb\nend\nc\n", "'/start/,/end/'") == "start\nb\nend\n");
    CHECK(awk("21\n", "'function f(x) { return x * 2 } { print f($1) }'") == "42\n");
    CHECK(awk("a b c d\n", "'{ print NF; NF = 2; print }'") == "4\na b\n");
    CHECK(awk("1\n2\n", "'{ if ($1 > 1) print \"big\"; else print \"small\" }'") == "small\nbig\n");
    CHECK(awk("a 1\nb 2\na 3\n", "'{ sum[$1] += $2 } END { print sum[\"a\"], sum[\"b\"] }'") == "4 2\n");
    CHECK(f.out("awk -v v=hi 'BEGIN { print v }'") == "hi\n");
    CHECK(f.out("awk 'BEGIN { if (match(\"foobar\", /ob+/)) print RSTART, RLENGTH }'") == "3 2\n");
    CHECK(f.out("echo 'k v' | awk '{ printf \"%s=%s\\n\", $1, $2 }'") == "k=v\n");
    CHECK(f.out("awk 'BEGIN { exit 3 } END { print \"end\" }'; echo $?") == "end\n3\n");
    CHECK(awk("p\nq\n", "'{ print > \"/o\" } END { close(\"/o\"); while ((getline l < \"/o\") > 0) print \"got\", l }'") ==
          "got p\ngot q\n");
    // errors
    CHECK(f.out("awk '{ print $1 '; echo $?").find("2\n") != std::string::npos);
    CHECK(f.out("awk 'BEGIN { print 1/0 }'; echo $?") == "awk: division by zero\n2\n");
}

TEST_CASE("apt-mark: showmanual, auto and manual keep apt's real state in extended_states") {
    DebianFx d;
    ShellFx& f = d.f;
    CHECK(f.out("apt-mark showmanual") == "bash\ndash\nlibc6\n");
    CHECK(f.out("apt-mark auto '.*'") ==
          "bash set to automatically installed.\ndash set to automatically installed.\nlibc6 set to automatically "
          "installed.\n");
    CHECK(f.out("apt-mark showmanual; apt-mark showauto") == "bash\ndash\nlibc6\n");
    CHECK(f.out("apt-mark manual bash; apt-mark manual bash") ==
          "bash set to manually installed.\nbash was already set to manually installed.\n");
    CHECK(f.out("apt-mark showmanual") == "bash\n");
    CHECK(f.out("cat /var/lib/apt/extended_states") ==
          "Package: dash\nArchitecture: amd64\nAuto-Installed: 1\n\nPackage: libc6\nArchitecture: amd64\n"
          "Auto-Installed: 1\n\n");
    CHECK(f.out("apt-mark manual gnupg") == "gnupg can not be marked as it is not installed.\n");
    CHECK(f.out("apt-mark manual nosuchpkg; echo $?") == "E: Unable to locate package nosuchpkg\n100\n");
    // the docker-library idiom: remember, mark all auto, restore
    CHECK(f.out("saved=\"$(apt-mark showmanual)\"; apt-mark auto '.*' > /dev/null; apt-mark manual $saved >/dev/null; "
                "apt-mark showmanual") == "bash\n");
}

TEST_CASE("dpkg-query and dpkg-architecture answer as dpkg 1.21 does") {
    DebianFx d;
    ShellFx& f = d.f;
    CHECK(f.out("dpkg-query -W bash libc6") == "bash\t5.2.15-2+b7\nlibc6:amd64\t2.36-9+deb12u4\n");
    CHECK(f.out("dpkg-query -W -f='${Package} ${Version} ${db:Status-Abbrev}|${Installed-Size}\\n' bash") ==
          "bash 5.2.15-2+b7 ii |7164\n");
    CHECK(f.out("dpkg-query --show --showformat='${Package;-6}|\\n' dash") == "dash  |\n");
    CHECK(f.out("dpkg-query -W nosuch; echo $?") == "dpkg-query: no packages found matching nosuch\n1\n");
    CHECK(f.out("dpkg-query -S /bin/bash") == "bash: /bin/bash\n");
    CHECK(f.out("dpkg-query --search bin/bash") == "bash: /bin/bash\nbash: /usr/bin/bashbug\n");
    CHECK(f.out("dpkg-query -S '*/libc.so.6' | cut -d: -f1") == "libc6\n");
    CHECK(f.out("dpkg-query -S nosuchfile; echo $?") == "dpkg-query: no path found matching pattern *nosuchfile*\n1\n");
    CHECK(f.out("dpkg-architecture --query DEB_BUILD_GNU_TYPE") == "x86_64-linux-gnu\n");
    CHECK(f.out("dpkg-architecture -qDEB_HOST_MULTIARCH") == "x86_64-linux-gnu\n");
    CHECK(f.out("dpkg-architecture -qDEB_FOO; echo $?") ==
          "dpkg-architecture: error: DEB_FOO is not a supported variable name\n25\n");
    CHECK(f.out("dpkg-architecture | grep -c =") == "33\n");
    CHECK(f.out("dpkg --print-architecture") == "amd64\n");
    CHECK(f.out("apk --print-arch") == "x86_64\n");
}

TEST_CASE("shadow's useradd, groupadd, usermod take their long options on Debian; never busybox's usage") {
    DebianFx d;
    ShellFx& f = d.f;
    CHECK(f.out("groupadd --system --gid 101 nginx && useradd --system --gid nginx --no-create-home --home "
                "/nonexistent --comment 'nginx user' --shell /bin/false --uid 101 nginx && grep nginx /etc/passwd") ==
          "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
    CHECK(f.out("groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql "
                "--shell=/bin/bash postgres; grep postgres /etc/passwd") ==
          "postgres:x:999:999::/var/lib/postgresql:/bin/bash\n");
    CHECK(f.out("useradd -m -s /bin/sh web && ls -d /home/web && usermod --append --groups nginx web && grep nginx: "
                "/etc/group") == "/home/web\nnginx:x:101:web\n");
    CHECK(f.out("useradd --bogus x; echo $?") ==
          "useradd: unrecognized option '--bogus'\nUsage: useradd [options] LOGIN\n       useradd -D\n       "
          "useradd -D [options]\n2\n");
}

TEST_CASE("GNU install takes its long options and -v speaks GNU's words; busybox install keeps busybox's") {
    DebianFx d;
    ShellFx& f = d.f;
    f.run("echo hi > /a");
    CHECK(f.out("cd / && install -v -D -m 755 a x/y/z") ==
          "install: creating directory 'x'\ninstall: creating directory 'x/y'\n'a' -> 'x/y/z'\n");
    CHECK(f.out("stat -c %a /x/y/z") == "755\n");
    CHECK(f.out("cd / && install --verbose -d d1/d2 && install --mode=0600 a d1 && stat -c %a d1/a") ==
          "install: creating directory 'd1'\ninstall: creating directory 'd1/d2'\n600\n");
    CHECK(f.out("install --bogus; echo $?") ==
          "install: unrecognized option '--bogus'\nTry 'install --help' for more information.\n1\n");
    ShellFx bb;  // busybox: its own words
    CHECK(bb.out("install --bogus 2>&1 | head -1") == "install: unrecognized option '--bogus'\n");
    CHECK(bb.out("install --bogus 2>&1 | grep -c BusyBox") == "1\n");
}

TEST_CASE("downloads: a labelled placeholder where a real build downloads; archives unpack to a stub tree") {
    ShellFx f;
    shell::RunResult r = f.run("curl -fsSLo /tmp/app.tar.gz https://example.com/rel/app-1.2.tar.gz");
    CHECK(r.status == 0);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: curl https://example.com/rel/app-1.2.tar.gz -> /tmp/app.tar.gz", 0) == 0);
    CHECK(f.out("mkdir -p /opt && tar -xzf /tmp/app.tar.gz -C /opt && cat /opt/app-1.2/LAYERLAB-STAND-IN.txt | head -1") ==
          "layerlab stand-in for https://example.com/rel/app-1.2.tar.gz\n");
    // xz: the placeholder is a gzip'd tar; tar -J reads it and says so
    r = f.run("wget -O node.tar.xz https://nodejs.org/dist/v20.1.0/node-v20.1.0-linux-x64.tar.xz && "
              "tar -xJf node.tar.xz -C /usr --strip-components=1 && ls /usr/LAYERLAB-STAND-IN.txt");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "/usr/LAYERLAB-STAND-IN.txt\n");
    CHECK(r.notes.size() == 2);
    // files of the tree at any depth, under directories the image has (/usr/include): each command goes on, labelled
    r = f.run("find /usr/include/node/openssl/archs -mindepth 1 -exec rm -rf {} \\; && "
              "grep -E '^x' /usr/src/x/config.c && sed -i 's/a/b/' /usr/lib/node/a.js && chmod +x /usr/share/x/pwsh && "
              "cd /usr/share/node/doc && mv /usr/share/node/webapps /usr/share/node/webapps.dist && "
              "cat /usr/include/node/v8.h && awk '{print}' /usr/include/node/v8.h > /usr/include/node/gen/v8.h.new && "
              "pwd && ls /usr/share/node/webapps.dist");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "/usr/share/node/doc\nLAYERLAB-STAND-IN.txt\n");
    REQUIRE(r.notes.size() == 9);
    CHECK(r.notes[0].rfind("stand-in: find: /usr/include/node/openssl/archs is not in /usr, a stand-in for a download", 0) == 0);
    CHECK(r.notes[1].find("so there was nothing to search (its lines are not known: the match was assumed)") != std::string::npos);
    CHECK(r.notes[5].rfind("stand-in: mv: /usr/share/node/webapps is not in /usr", 0) == 0);
    CHECK(r.notes[5].find("a labelled placeholder directory takes its place at /usr/share/node/webapps.dist") != std::string::npos);
    // a $PATH directory the image has is not the tree's: a missing program there is not found
    CHECK(f.out("mkdir -p /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin; nosuchtool; echo $?") == "/bin/sh: nosuchtool: not found\n127\n");
    // ... but the programs the tree's archive is named for (node-v20.1.0-linux-x64: node, npm) run as stand-ins,
    // and so does a link into a tree (yarn's)
    r = f.run("node --version && npm --version && wget -q https://yarnpkg.com/downloads/1.22.22/yarn-v1.22.22.tar.gz && "
              "mkdir -p /opt && tar -xzf yarn-v1.22.22.tar.gz -C /opt && ln -s /opt/yarn-v1.22.22/bin/yarn "
              "/usr/local/bin/yarn && yarn --version");
    INFO(r.combined());
    CHECK(r.status == 0);
    // gpg --decrypt of a signed checksum list: the download placeholders beside it, which sha256sum -c stands in
    r = f.run("cd /tmp && wget -q https://nodejs.org/dist/v20.1.0/SHASUMS256.txt.asc && gpg --batch --decrypt --output "
              "SHASUMS256.txt SHASUMS256.txt.asc && grep ' app.tar.gz$' SHASUMS256.txt | sha256sum -c -");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "app.tar.gz: OK\n");
    CHECK(r.stderr_text() == "gpg: layerlab stand-in: the signature was not checked\n");
    CHECK(f.out("gpg --decrypt --output /w /nope; echo $?") ==
          "gpg: can't open '/nope': No such file or directory\ngpg: decrypt_message failed: No such file or directory\n2\n");
    // Go's binary distribution unpacks to go/, as the real one does
    CHECK(f.out("wget -qO go.tgz https://dl.google.com/go/go1.22.5.linux-amd64.tar.gz && tar -C /opt -xzf go.tgz && "
                "ls /opt/go") == "LAYERLAB-STAND-IN.txt\n");
    CHECK(f.out("tar -xJf /etc/passwd; echo $?") == "tar: layerlab: only gzip compression is simulated (-J is xz)\n1\n");
    // a script piped to sh only says what it stands for
    r = f.run("curl -fsSL https://get.example.com/install.sh | sh");
    CHECK(r.status == 0);
    CHECK(r.stderr_text() == "layerlab stand-in for install.sh: a placeholder, not the real file\n");
    // -O names the file after the URL; wget too
    CHECK(f.out("cd /tmp && curl -sSLO https://x.org/a/gosu-amd64?raw=1 && wget -q https://x.org/b/tini && ls gosu-amd64 "
                "tini") == "gosu-amd64\ntini\n");
    // checksums of placeholders are reported stood in, and pass
    r = f.run("echo 'deadbeef  /tmp/app.tar.gz' | sha256sum -c -");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "/tmp/app.tar.gz: OK\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("stand-in") == 0);
    CHECK(f.out("echo x > /real; echo 'deadbeef  /real' | sha256sum -c - 2>&1; echo $?").find("FAILED") !=
          std::string::npos);
    // curl's own errors stay
    CHECK(f.out("curl; echo $?").find("no URL specified") != std::string::npos);
}

TEST_CASE("tar: a member a download's archive placeholder lacks becomes a labelled placeholder") {
    ShellFx f;
    f.run("wget -qO /tmp/caddy.tar.gz https://github.com/caddyserver/caddy/releases/download/v2/caddy_2_linux_amd64.tar.gz");
    shell::RunResult r = f.run("mkdir -p /usr/bin && tar x -z -f /tmp/caddy.tar.gz -C /usr/bin caddy && ls -l /usr/bin/caddy "
                               "| cut -c1-10 && head -1 /usr/bin/caddy");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "-rwxr-xr-x\nlayerlab stand-in for caddy, a member of a downloaded archive: layerlab has no "
                             "network, so its real contents are not known\n");
    REQUIRE(!r.notes.empty());
    CHECK(r.notes.back().rfind("stand-in: tar: caddy is not in the archive placeholder", 0) == 0);
    // --strip-components applies to the named member; a data file is not executable
    f.run("wget -qO /tmp/y.tgz https://registry.npmjs.org/js-yaml/-/js-yaml-4.1.0.tgz && mkdir -p /opt/y");
    CHECK(f.out("tar -xz --strip-components=1 -f /tmp/y.tgz -C /opt/y package/dist/js-yaml.js package/package.json && "
                "ls /opt/y /opt/y/dist && stat -c %a /opt/y/package.json") == "/opt/y:\ndist\npackage.json\n\n/opt/y/dist:\njs-yaml.js\n644\n");
    // a real archive's missing member is still tar's error
    f.run("mkdir -p /d && echo hi > /d/a && tar -czf /tmp/real.tgz -C /d a");
    CHECK(f.out("tar -xzf /tmp/real.tgz -C /tmp nope 2>&1; echo $?") == "tar: nope: not found in archive\n1\n");
}

TEST_CASE("a placeholder program runs as a labelled stand-in: exit 0, a label on stderr, a note") {
    ShellFx f;
    f.run("wget -qO /tmp/c.tar.gz https://x.org/caddy_2_linux_amd64.tar.gz && mkdir -p /usr/bin && "
          "tar -xzf /tmp/c.tar.gz -C /usr/bin caddy");
    shell::RunResult r = f.run("caddy version; echo $?");
    CHECK(r.stdout_text() == "0\n");
    CHECK(r.stderr_text().find("caddy: a layerlab stand-in placeholder") != std::string::npos);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: caddy (/usr/bin/caddy) is a layerlab placeholder", 0) == 0);
}

TEST_CASE("curl pairs its URLs and output options in order, wherever they stand") {
    ShellFx f;
    CHECK(f.out("cd / && curl -fsSL https://x.org/v1/tini-amd64 --output /tini && curl -fsSL https://x.org/a "
                "https://x.org/b -o /a -O && ls /tini /a /b") == "/a\n/b\n/tini\n");
}

TEST_CASE("jar -xf of a placeholder Spring Boot jar unpacks its layout as labelled placeholders") {
    ShellFx f;
    f.run("mkdir -p /j && printf '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0"
          "</version></parent><artifactId>demo</artifactId><version>1.0</version></project>' > /j/pom.xml");
    REQUIRE(f.run("cd /j && mvn -q package").status == 0);
    shell::RunResult r = f.run("mkdir -p /j/target/dependency && cd /j/target/dependency && jar -xf ../*.jar && "
                               "ls . BOOT-INF && head -c 17 META-INF/MANIFEST.MF");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == ".:\nBOOT-INF\nMETA-INF\norg\n\nBOOT-INF:\nclasses\nclasspath.idx\nlayers.idx\nlib\n"
                             "layerlab stand-in");
    REQUIRE(!r.notes.empty());
    CHECK(r.notes.back().find("the layout of a Spring Boot executable jar") != std::string::npos);
    // a plain jar: the manifest; t lists; a missing jar is java's error
    f.run("mkdir -p /p && echo 'class A {}' > /p/A.java && cd /p && javac A.java && jar cf /p/a.jar A.class");
    CHECK(f.out("cd /p && jar tf a.jar") == "META-INF/\nMETA-INF/MANIFEST.MF\nLAYERLAB-STAND-IN.class\n");
    CHECK(f.out("jar -xf /nope.jar 2>&1; echo $?") ==
          "java.io.FileNotFoundException: /nope.jar (No such file or directory)\n1\n");
}

TEST_CASE("java -Djarmode=layertools/tools extract of a placeholder jar makes Spring Boot's four layers") {
    ShellFx f;
    f.run("mkdir -p /j && printf '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0"
          "</version></parent><artifactId>demo</artifactId><version>1.0</version></project>' > /j/pom.xml && cd /j && "
          "mvn -q package && cp target/demo-1.0.jar /app.jar");
    shell::RunResult r = f.run("mkdir /l && cd /l && java -Djarmode=layertools -jar /app.jar extract && ls");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "application\ndependencies\nsnapshot-dependencies\nspring-boot-loader\n");
    REQUIRE(!r.notes.empty());
    CHECK(r.notes.back().rfind("stand-in: java -Djarmode=layertools extract of /app.jar", 0) == 0);
    CHECK(f.out("cd / && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination /x && ls /x "
                "/x/application/META-INF") == "/x:\napplication\ndependencies\nsnapshot-dependencies\nspring-boot-loader\n\n"
                                               "/x/application/META-INF:\nMANIFEST.MF\n");
    CHECK(f.out("cd / && java -Djarmode=tools -jar app.jar extract && ls /app") == "app.jar\nlib\n");
    CHECK(f.out("java -Djarmode=layertools -jar /nope.jar extract 2>&1; echo $?") ==
          "Error: Unable to access jarfile /nope.jar\n1\n");
}

TEST_CASE("locale-gen and localedef compile into a labelled locale-archive that locale -a reads") {
    ShellFx f;
    f.run("mkdir -p /etc && printf '# en_GB.UTF-8 UTF-8\\nen_US.UTF-8 UTF-8\\n' > /etc/locale.gen");
    shell::RunResult r = f.run("locale-gen");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "Generating locales (this might take a while)...\n  en_US.UTF-8... done\nGeneration complete.\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: locale-gen compiled 1 locale(s)", 0) == 0);
    CHECK(f.out("locale -a") == "C\nC.utf8\nPOSIX\nen_US.utf8\n");
    CHECK(f.out("localedef -i de_DE -c -f UTF-8 -A /usr/share/locale/locale.alias de_DE.UTF-8 && locale -a | grep de_") ==
          "de_DE.utf8\n");
    // about 3 MiB per locale, as glibc's archive
    CHECK(f.out("[ $(stat -c %s /usr/lib/locale/locale-archive) -gt 6291456 ] && echo big") == "big\n");
    CHECK(f.out("LANG=C.UTF-8 locale | head -2") == "LANG=C.UTF-8\nLANGUAGE=\n");
}

TEST_CASE("a downloaded rustup-init installs rustup's proxies and a placeholder toolchain where rustup puts them") {
    ShellFx f;
    shell::RunResult r = f.run("wget -qO /tmp/rustup-init https://static.rust-lang.org/rustup/archive/1.28.2/"
                               "x86_64-unknown-linux-gnu/rustup-init && chmod +x /tmp/rustup-init && "
                               "export RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo && "
                               "/tmp/rustup-init -y --no-modify-path --profile minimal --default-toolchain 1.94.1 && "
                               "chmod -R a+w $RUSTUP_HOME $CARGO_HOME && ls $RUSTUP_HOME/toolchains && "
                               "stat -c %h /usr/local/cargo/bin/rustc && PATH=/usr/local/cargo/bin:$PATH cargo --version");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "1.94.1-x86_64-unknown-linux-gnu\n12\ncargo 1.79.0\n");
    CHECK(r.notes.back().rfind("stand-in: rustup-init (no network", 0) == 0);
    CHECK(f.out("/tmp/rustup-init 2>&1; echo $?").find("needs -y") != std::string::npos);
}

TEST_CASE("bun install and bun run build run as npm's over layerlab's data, said so") {
    ShellFx f;
    f.run("mkdir -p /fe && echo '{\"name\":\"fe\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"vite build\"}}' > "
          "/fe/package.json");
    shell::RunResult r = f.run("cd /fe && bun run build && ls dist");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("assets\nindex.html\n") != std::string::npos);
    CHECK(f.out("BUN_VERSION=1.0.14 bun --version") == "1.0.14\n");
}

TEST_CASE("git clone, gpg and gpgv are labelled stand-ins; update-ca-certificates links local certificates") {
    ShellFx f;
    shell::RunResult r = f.run("git clone --depth 1 -b v1 https://github.com/acme/tool.git && ls -a tool");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == ".\n..\n.git\nLAYERLAB-STAND-IN.txt\n");
    CHECK(r.notes.back().find("stand-in: git clone") == 0);
    CHECK(f.out("git clone https://github.com/acme/tool.git 2>&1; echo $?") ==
          "fatal: destination path 'tool' already exists and is not an empty directory.\n128\n");
    CHECK(f.out("cd /tmp && git rev-parse HEAD 2>&1; echo $?") ==
          "fatal: not a git repository (or any of the parent directories): .git\n128\n");
    r = f.run("export GNUPGHOME=\"$(mktemp -d)\"; gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "
              "B42F6819007F00F88E364FD4036A9C25BF357DD4 && wget -qO /g.asc https://x/g.asc && gpg --batch --verify /g.asc "
              "/etc/passwd && gpgconf --kill all && ls $GNUPGHOME");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "pubring.kbx\ntrustdb.gpg\n");
    CHECK(r.notes.size() == 3);
    CHECK(f.out("gpg --batch --verify /nope.asc 2>&1 >/dev/null | head -1; gpgv /nope.sig; echo $?").find("2\n") !=
          std::string::npos);
    f.run("mkdir -p /usr/local/share/ca-certificates /etc/ssl/certs && echo CERT > /usr/local/share/ca-certificates/my.crt");
    CHECK(f.out("update-ca-certificates && readlink /etc/ssl/certs/my.pem && cat /etc/ssl/certs/ca-certificates.crt") ==
          "/usr/local/share/ca-certificates/my.crt\nCERT\n");
}

TEST_CASE("a command that is not simulated or not found: the note leads with the cause and lists nothing") {
    ShellFx f;
    shell::RunResult r = f.run("nosuchcmd --version");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0] == "nosuchcmd: not found in this image's $PATH (a real build fails the same way)");
    CHECK(r.status == 127);
    // a nearest variant or stand-in base: the real image may have it, so it runs as a labelled stand-in
    // (never "a real build fails too", never a silent success)
    f.opt.base_is_real = false;
    r = f.run("nosuchcmd --flag");
    CHECK(r.status == 0);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: nosuchcmd is not in layerlab's approximation of this image (the real image may "
                           "have it)", 0) == 0);
}

TEST_CASE("toolchain stand-ins write labelled placeholder artifacts where the real tools write") {
    ShellFx f;
    auto artifact = [&](const std::string& path) { return f.out("head -c 17 " + path + "; echo; stat -c %s " + path); };
    // go: -o, the module's name, go install, the module cache
    f.run("mkdir -p /src/cmd/api && cd /src && printf 'module example.com/shop\\n\\ngo 1.22\\n\\nrequire (\\n\\tgithub.com/a/b "
          "v1\\n)\\n' > go.mod");
    shell::RunResult r = f.run("cd /src && GOPATH=/go go mod download && go build -o /out/ ./cmd/api && go build");
    CHECK(r.status == 0);
    CHECK(artifact("/out/api").rfind("layerlab stand-in\n", 0) == 0);
    CHECK(f.out("ls /src/shop; ls /go/pkg/mod/cache/download") == "/src/shop\nLAYERLAB-STAND-IN\n");
    REQUIRE(r.notes.size() == 3);
    CHECK(r.notes[1].rfind("stand-in: go build wrote placeholders: /out/api (", 0) == 0);
    CHECK(f.out("cd /tmp && go build 2>&1; echo $?") ==
          "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n1\n");
    // cargo chef (cargo-chef): prepare writes the recipe, cook the dependencies alone
    f.run("mkdir -p /cc && printf '[package]\\nname = \"z2p\"\\n\\n[dependencies]\\nserde = \"1\"\\n' > /cc/Cargo.toml");
    CHECK(f.out("cd /cc && cargo chef prepare --recipe-path recipe.json && cargo chef cook --release --recipe-path "
                "recipe.json && ls recipe.json target/release/deps") == "recipe.json\n\ntarget/release/deps:\nLAYERLAB-STAND-IN\n");
    // cook needs only the recipe (the builder stage copies nothing else)
    CHECK(f.out("mkdir -p /ck && cp /cc/recipe.json /ck/ && cd /ck && cargo chef cook --release --recipe-path recipe.json "
                "&& ls target/release/deps") == "LAYERLAB-STAND-IN\n");
    // cargo: target/release/NAME from Cargo.toml
    f.run("mkdir -p /rs && printf '[package]\\nname = \"svc\"\\nversion = \"0.1.0\"\\n\\n[dependencies]\\nserde = \"1\"\\n' "
          "> /rs/Cargo.toml");
    CHECK(f.out("cd /rs && cargo build --release 2>/dev/null && ls target/release") == "svc\n");
    // mvn: target/ARTIFACT-VERSION.jar from pom.xml (not the parent's)
    f.run("mkdir -p /j && printf '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version>"
          "</parent><artifactId>demo</artifactId><version>0.0.1-SNAPSHOT</version></project>' > /j/pom.xml");
    CHECK(f.out("cd /j && mvn -B -DskipTests package -q && ls target/*.jar") == "target/demo-0.0.1-SNAPSHOT.jar\n");
    // gradle: build/libs/NAME-VERSION.jar
    f.run("mkdir -p /g && echo \"rootProject.name = 'adservice'\" > /g/settings.gradle && echo \"version = '0.1.0'\" > "
          "/g/build.gradle");
    CHECK(f.out("cd /g && gradle installDist --no-daemon >/dev/null && ls build/install/adservice/bin") == "adservice\n");
    // dotnet: needs the SDK directory; publish -o
    f.run("mkdir -p /usr/share/dotnet/sdk /app && printf '<Project><PropertyGroup><TargetFramework>net8.0</TargetFramework>"
          "</PropertyGroup></Project>' > /app/web.csproj");
    CHECK(f.out("cd /app && dotnet publish -c Release -o /pub >/dev/null && ls /pub") ==
          "web\nweb.deps.json\nweb.dll\nweb.pdb\nweb.runtimeconfig.json\n");
    CHECK(f.out("cd /app && dotnet build >/dev/null && ls bin/Debug/net8.0 | grep -c web") == "5\n");
    // npm run build: the output directory the script's tool writes
    f.run("mkdir -p /fe && echo '{\"name\":\"fe\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"vite build\"}}' > "
          "/fe/package.json");
    r = f.run("cd /fe && npm run build && ls dist dist/assets");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "\n> fe@1.0.0 build\n> vite build\n\ndist:\nassets\nindex.html\n\ndist/assets:\nindex.js\n");
    CHECK(f.out("cd /fe && npm run lint; echo $?").find("npm ERR! Missing script: \"lint\"") == 0);
    // cc and make
    f.run("echo 'int main(){}' > /hello.c");
    CHECK(f.out("cd / && cc hello.c -o hello && ls hello && make; echo $?") ==
          "hello\nmake: *** No targets specified and no makefile found.  Stop.\n2\n");
}

TEST_CASE("source builds over a stand-in tree: ./configure && make && make install step through, labelled") {
    // the official python image's build (docker-library/python, bookworm):
    // the download is an archive placeholder, so the tree holds no
    // configure and no Makefile; each step stands in and says so
    ShellFx f;
    f.run("wget -qO python.tar.xz https://www.python.org/ftp/python/3.12.13/Python-3.12.13.tar.xz && "
          "mkdir -p /usr/src/python && tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz");
    shell::RunResult r = f.run("cd /usr/src/python && ./configure --build=x86_64-linux-gnu --enable-shared --with-ensurepip; "
                               "echo $?; head -1 Makefile | cut -c1-40; grep '^prefix' Makefile");
    CHECK(r.stdout_text() == "0\n# layerlab stand-in: the Makefile config\nprefix = /usr/local\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: ./configure (/usr/src/python/configure) is not in /usr/src/python, a stand-in for a "
                           "download", 0) == 0);
    CHECK(r.notes[0].find("wrote a labelled Makefile recording its options") != std::string::npos);
    r = f.run("set -e; cd /usr/src/python; make -j 2 \"EXTRA_CFLAGS=-O2\"; rm python; make -j 2 python; make install; "
              "cd /usr/local/bin; for s in idle3 pip3 pydoc3 python3 python3-config; do [ -s $s ]; done; ls; "
              "readlink python3; head -c 17 python3.12; echo");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "2to3\n2to3-3.12\nidle3\nidle3.12\npip3\npip3.12\npydoc3\npydoc3.12\npython3\n"
                             "python3-config\npython3.12\npython3.12-config\npython3.12\nlayerlab stand-in\n");
    REQUIRE(!r.notes.empty());
    CHECK(r.notes.back().rfind("stand-in: make install in /usr/src/python (a stand-in source tree for Python-3.12.13.tar.xz) "
                               "wrote placeholders: /usr/local/bin/python3.12 (17 KiB)", 0) == 0);
    // the installed python answers as the simulated one does
    CHECK(f.out("python3 --version") == "Python 3.12.0\n");
    // a version in the archive's name that is not numbers once threw out of std::stoi
    r = f.run("wget -qO p.tar.xz https://example.org/Python-3.ab.tar.xz && mkdir -p /usr/src/px && "
              "tar -xf p.tar.xz -C /usr/src/px --strip-components=1 && cd /usr/src/px && ./configure && make install "
              "DESTDIR=/px && ls /px/usr/local/bin");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("python3.ab\n") != std::string::npos);
    CHECK(r.stdout_text().find("2to3") == std::string::npos);
    // make -C DIR, PREFIX=, DESTDIR=, a project layerlab does not know, and a program of the real tree
    f.run("wget -qO h.tgz https://www.haproxy.org/download/3.2/src/haproxy-3.2.4.tar.gz && mkdir -p /usr/src/haproxy && "
          "tar -xzf h.tgz -C /usr/src/haproxy --strip-components=1");
    CHECK(f.out("make -C /usr/src/haproxy -j 2 all TARGET=linux-glibc && make -C /usr/src/haproxy install-bin "
                "DESTDIR=/stage PREFIX=/usr && ls /usr/src/haproxy /stage/usr/sbin") ==
          "/stage/usr/sbin:\nhaproxy\n\n/usr/src/haproxy:\nLAYERLAB-STAND-IN.txt\nhaproxy\n");
    // cp of what the tree lacks: a labelled placeholder (a directory for -R of a name without a dot)
    r = f.run("mkdir -p /usr/local/etc/haproxy && cp -R /usr/src/haproxy/examples/errorfiles /usr/local/etc/haproxy/errors "
              "&& cd /usr/src/haproxy && cp doc/intro.txt /usr/local/etc/haproxy/ && ls /usr/local/etc/haproxy/errors && "
              "head -c 40 /usr/local/etc/haproxy/intro.txt");
    CHECK(r.stdout_text() == "LAYERLAB-STAND-IN.txt\nlayerlab stand-in for /usr/src/haproxy/d");
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[1] == "stand-in: cp: /usr/src/haproxy/doc/intro.txt is not in /usr/src/haproxy, a stand-in for a "
                        "download layerlab cannot make (an archive placeholder) whose real files may include it; a "
                        "labelled placeholder file takes its place at /usr/local/etc/haproxy/intro.txt");
    f.run("wget -qO z.tgz https://example.org/zzz-1.0.tar.gz && mkdir -p /usr/src/z && tar -xzf z.tgz -C /usr/src/z "
          "--strip-components=1");
    r = f.run("cd /usr/src/z && ./autogen.sh && ./configure --prefix=/opt/z && make && make install && ls /opt/z");
    CHECK(r.stdout_text().empty());
    CHECK(r.stderr_text() == "ls: /opt/z: No such file or directory\n");
    CHECK(r.notes.back().find("does not know what this target of zzz writes, so nothing was written") != std::string::npos);
    // the JDK's tarball: $JAVA_HOME/bin is inside the stand-in tree
    f.run("wget -qO /tmp/jdk.tar.gz https://github.com/adoptium/x/OpenJDK21U-jdk_x64_linux_hotspot_21.0.12_8.tar.gz && "
          "mkdir -p /opt/java/openjdk && tar -xzf /tmp/jdk.tar.gz -C /opt/java/openjdk --strip-components 1");
    f.opt.env = {"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
    r = f.run("keytool -list; echo $?");
    CHECK(r.stdout_text() == "0\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].rfind("stand-in: keytool (/opt/java/openjdk/bin/keytool) is not in /opt/java/openjdk", 0) == 0);
    // Erlang/OTP (rabbitmq's Dockerfile): bin/ linked into lib/erlang/bin, the release one placeholder
    f.run("wget -qO otp.tgz https://github.com/erlang/otp/releases/download/OTP-27.3/otp_src_27.3.tar.gz && "
          "mkdir -p /usr/local/src/otp && tar -xzf otp.tgz -C /usr/local/src/otp --strip-components=1");
    r = f.run("cd /usr/local/src/otp && ./configure --prefix=/opt/erlang && make -j 2 && make install && "
              "readlink /opt/erlang/bin/erl && ls /opt/erlang/lib/erlang && /opt/erlang/bin/erl -noshell -eval 'init:stop().'");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "../lib/erlang/bin/erl\nLAYERLAB-STAND-IN-release\nbin\n");
    // a path the tree lacks is nothing to find or remove (rm -f: as ever)
    r = f.run("find /opt/java/openjdk/lib -name '*.so'; rm /opt/java/openjdk/lib/src.zip; echo $?");
    CHECK(r.stdout_text() == "0\n");
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[0] == "stand-in: find: /opt/java/openjdk/lib is not in /opt/java/openjdk, a stand-in for a download "
                        "layerlab cannot make (an archive placeholder) whose real files may include it, so there was "
                        "nothing to find");
    CHECK(f.out("rm /opt/nope; find /opt/nope") ==
          "rm: can't remove '/opt/nope': No such file or directory\nfind: /opt/nope: No such file or directory\n[1]");
    // outside a stand-in tree nothing changes: a missing program is not found
    CHECK(f.out("cd / && ./configure; make") ==
          "/bin/sh: ./configure: not found\nmake: *** No targets specified and no makefile found.  Stop.\n[2]");
}

// Recorded from GNU coreutils 9.1 (Debian 12) and busybox 1.35.0 with a file `a` holding "hello\n".
TEST_CASE("sha512sum and sha256sum -c: the forms of real Dockerfiles, GNU's and busybox's words") {
    const std::string h512 =
        "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b"
        "316e7ce3b6bc019629";
    DebianFx d;
    ShellFx& f = d.f;
    REQUIRE(f.run("mkdir -p /w && printf 'hello\\n' > /w/a").status == 0);
    f.opt.working_dir = "/w";
    CHECK(f.out("sha512sum a") == h512 + "  a\n");
    CHECK(f.out("printf '' | sha512sum") ==
          "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd4741"
          "7a81a538327af927da3e  -\n");
    CHECK(f.out("printf abc | sha512sum -b") ==
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643c"
          "e80e2a9ac94fa54ca49f *-\n");
    // 1000 bytes: more than one 128-byte block
    CHECK(f.out("head -c 1000 /dev/zero | sha512sum").substr(0, 16) == "ca3dff61bb23477a");
    // the official images' form: "HASH *file" | shaNsum --strict --check -
    shell::RunResult r = f.run("echo '" + h512 + " *a' | sha512sum --strict --check -");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "a: OK\n");
    r = f.run("printf '" + h512 + " *a\\njunk\\n' | sha512sum --strict -c -");
    CHECK(r.status == 1);
    CHECK(r.stdout_text() == "a: OK\n");
    CHECK(r.stderr_text() == "sha512sum: WARNING: 1 line is improperly formatted\n");
    CHECK(f.run("printf '" + h512 + " *a\\njunk\\n' | sha512sum -c -").status == 0);
    // a list file with --ignore-missing (dotnet's images), and without
    REQUIRE(f.run("printf '" + h512 + "  a\\n" + h512 + "  missing\\n' > list.txt").status == 0);
    r = f.run("sha512sum -c list.txt --ignore-missing");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "a: OK\n");
    r = f.run("sha512sum -c list.txt");
    CHECK(r.status == 1);
    CHECK(r.stdout_text() == "a: OK\nmissing: FAILED open or read\n");
    CHECK(r.stderr_text() ==
          "sha512sum: missing: No such file or directory\nsha512sum: WARNING: 1 listed file could not be read\n");
    r = f.run("echo '" + h512.substr(0, 127) + "0  a' | sha512sum -c");
    CHECK(r.status == 1);
    CHECK(r.stdout_text() == "a: FAILED\n");
    CHECK(r.stderr_text() == "sha512sum: WARNING: 1 computed checksum did NOT match\n");
    CHECK(f.out("echo '" + h512 + "  a' | sha512sum -c --quiet") == "");
    CHECK(f.out("sha512sum --tag a | sha512sum -c") == "a: OK\n");
    r = f.run("echo nothing | sha256sum -c -");
    CHECK(r.status == 1);
    CHECK(r.stderr_text() == "sha256sum: 'standard input': no properly formatted checksum lines found\n");
    r = f.run("sha512sum -s a");
    CHECK(r.status == 1);
    CHECK(r.stderr_text() == "sha512sum: invalid option -- 's'\nTry 'sha512sum --help' for more information.\n");
    r = f.run("sha512sum --strict a");
    CHECK(r.status == 1);
    CHECK(r.stderr_text() ==
          "sha512sum: the --strict option is meaningful only when verifying checksums\nTry 'sha512sum --help' for "
          "more information.\n");
    // a downloaded checksum list is a placeholder: nothing to check, said so
    r = f.run("curl -fsSLO https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64.sha256sum && "
              "sha256sum -c tini-amd64.sha256sum");
    CHECK(r.status == 0);
    CHECK(r.notes.back().find("stand-in: sha256sum -c tini-amd64.sha256sum: the checksum list is a layerlab "
                              "placeholder") == 0);
}

TEST_CASE("busybox sha256sum -c: its options and its words") {
    ShellFx f;
    REQUIRE(f.run("printf 'hello\\n' > /a").status == 0);
    shell::RunResult r = f.run("echo 'bad */a' | sha256sum -c -");
    CHECK(r.status == 1);
    CHECK(r.stdout_text() == "/a: FAILED\n");
    CHECK(r.stderr_text() == "sha256sum: WARNING: 1 of 1 computed checksums did NOT match\n");
    r = f.run("echo 'bad */a' | sha256sum --check -");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().find("sha256sum: unrecognized option '--check'\nBusyBox v1.35.0") == 0);
}

TEST_CASE("sha512sum pads at SHA-512's edges: 111, 112, 127, 128 and 240 bytes (values from Python's hashlib)") {
    DebianFx d;
    ShellFx& f = d.f;
    const std::pair<int, const char*> want[] = {{111, "77ddd3a542e530fd"}, {112, "2be2e788c8a8adea"},
                                                {127, "876fee26a8dc66d6"}, {128, "ab942f526272e456"},
                                                {240, "ba21e55aa88dc8b1"}};
    for (const auto& [n, hex] : want)
        CHECK(f.out("head -c " + std::to_string(n) + " /dev/zero | sha512sum").substr(0, 16) == hex);
    // md5sum and sha1sum share the same framing with 64-byte blocks
    CHECK(f.out("head -c 56 /dev/zero | sha1sum").substr(0, 16) == "9438e360f578e12c");
    CHECK(f.out("head -c 56 /dev/zero | md5sum").substr(0, 16) == "e3c4dd21a9171fd3");
}
