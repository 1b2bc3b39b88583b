// The simulated commands, flag by flag, beyond what the busybox table
// (test_shell_busybox.cpp) already pins: options busybox-static lacks but
// Alpine's busybox has (find -delete), commands that are not busybox applets
// (install, getent, useradd), deterministic replacements (date, sleep,
// mktemp, uname), and the error paths.
#include <doctest/doctest.h>

#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;

TEST_CASE("shell commands: cat, head, tail, wc on large synthetic files do not read them") {
    ShellFx f;
    f.run("dd if=/dev/zero of=/zero bs=1M count=2048 2>/dev/null");
    CHECK(f.out("wc -c /zero; cat /zero > /copy; wc -c < /copy") == "2147483648 /zero\n2147483648\n");
    CHECK(f.out("head -c 3 /dev/urandom | wc -c; tail -c 2 /zero | od -An -tx1 2>/dev/null; echo $?") == "3\n127\n");
    CHECK(f.out("head -c 5 /dev/zero | tr '\\0' z") == "zzzzz");
}

TEST_CASE("shell commands: find -delete, -exec rm, -prune, -newer, -mtime") {
    ShellFx f;
    f.run("mkdir -p /p/a/b /p/c && touch /p/a/x.pyc /p/a/b/y.pyc /p/c/z.py /p/keep.txt");
    CHECK(f.out("find /p -name '*.pyc' -delete; find /p -type f | sort") == "/p/c/z.py\n/p/keep.txt\n");
    CHECK(f.out("find /p -type d -empty | sort") == "/p/a/b\n");
    CHECK(f.out("find /p -name a -prune -o -type d -print | sort") == "/p\n/p/c\n");
    CHECK(f.out("find /p -maxdepth 1 -newer /etc/passwd -type f") == "/p/keep.txt\n");
    CHECK(f.out("find /p -mtime -1 -name z.py") == "/p/c/z.py\n");
    CHECK(f.out("find /p -bogus") == "find: unrecognized: -bogus\n[1]");
    CHECK(f.out("find /p/c -exec echo {} \\; -exec false \\; -print") == "/p/c\n/p/c/z.py\n");
    CHECK(f.out("find /p -path '*/c*' | sort") == "/p/c\n/p/c/z.py\n");
}

TEST_CASE("shell commands: mktemp names are deterministic, files are 0600, dirs 0700") {
    ShellFx f, g;
    std::string a = f.out("mktemp; mktemp -d; mktemp /tmp/build.XXXXXX");
    CHECK(a == g.out("mktemp; mktemp -d; mktemp /tmp/build.XXXXXX"));
    CHECK(a.rfind("/tmp/tmp.", 0) == 0);
    CHECK(f.out("t=$(mktemp); stat -c '%a %F' $t; d=$(mktemp -d); stat -c '%a %F' $d") ==
          "600 regular empty file\n700 directory\n");
    CHECK(f.out("mktemp -u /tmp/xXX") == "mktemp: (null): Invalid argument\n[1]");
}

TEST_CASE("shell commands: date, sleep and uname are deterministic") {
    ShellFx f;
    f.c->set_time(1700000000);
    CHECK(f.out("date") == "Tue Nov 14 22:13:20 UTC 2023\n");
    CHECK(f.out("date +%Y-%m-%dT%H:%M:%S; date -d @0 +%F; date -R") ==
          "2023-11-14T22:13:20\n1970-01-01\nTue, 14 Nov 2023 22:13:20 +0000\n");
    CHECK(f.out("sleep 90; date +%s; sleep 1m; date +%s") == "1700000090\n1700000150\n");
    CHECK(f.out("uname -srm; hostname; nproc") == "Linux 6.1.0-layerlab x86_64\nbuildkitsandbox\n2\n");
    CHECK(f.out("date -s 2020-01-01") == "date: can't set date: Operation not permitted\n[1]");
    shell::RunResult r = f.run("sleep infinity");
    CHECK(r.budget_exceeded);
}

TEST_CASE("shell commands: install, getent, which, env, printenv, expr, timeout") {
    ShellFx f;
    f.run("echo '#!/bin/sh' > /tool");
    CHECK(f.out("install -m 750 /tool /usr/local/bin/tool") ==
          "install: can't create '/usr/local/bin/tool': No such file or directory\n[1]");
    CHECK(f.out("install -D -m 750 /tool /usr/local/bin/tool && stat -c '%a' /usr/local/bin/tool") == "750\n");
    CHECK(f.out("install -d -m 700 /srv/a/b && stat -c '%a' /srv/a/b") == "700\n");
    CHECK(f.out("install -D /tool /opt/x/y/tool && ls /opt/x/y") == "tool\n");
    CHECK(f.out("getent passwd app; getent group staff; getent passwd nobodyhere; echo $?") ==
          "app:x:1000:1000:app:/home/app:/bin/sh\nstaff:x:50:app\n2\n");
    CHECK(f.out("which -a ls; which nope; echo $?") == "/bin/ls\n1\n");
    CHECK(f.out("FOO=1 env | grep FOO; env -u PATH | grep -c PATH; env -i X=1 sh -c 'echo $X $PATH'") ==
          "FOO=1\n0\n1\n");
    CHECK(f.out("printenv HOME; printenv NOPE; echo $?") == "/root\n1\n");
    CHECK(f.out("expr 7 % 3; expr abc : 'a\\(b\\)'; expr 3 \\< 10; expr length '' ; echo $?") == "1\nb\n1\n0\n1\n");
    CHECK(f.out("timeout 5 echo quick") == "quick\n");
}

TEST_CASE("shell commands: the network tools write labelled placeholders (layerlab has no network)") {
    ShellFx f;
    shell::RunResult r = f.run("set -o pipefail; curl -fsSL https://example.com/install.sh | sh");
    CHECK(r.status == 0);
    r = f.run("wget -q -O - http://example.org/x");
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("layerlab stand-in for http://example.org/x") != std::string::npos);
    REQUIRE(!r.notes.empty());
    CHECK(r.notes[0].find("no network") != std::string::npos);
    CHECK(r.notes[0].find("stand-in") == 0);
}

TEST_CASE("shell commands: tar with long names, gzip round trips, tar -t of a gzip archive") {
    ShellFx f;
    std::string deep = "/t/" + std::string(60, 'a') + "/" + std::string(60, 'b');
    f.run("mkdir -p " + deep + " && echo deep > " + deep + "/file.txt");
    CHECK(f.out("cd / && tar czf /t.tgz t && rm -rf /t && tar xzf /t.tgz && cat " + deep + "/file.txt") == "deep\n");
    CHECK(f.out("tar tzf /t.tgz | tail -1 | wc -c") == "133\n");
    CHECK(f.out("echo hello | gzip | gunzip") == "hello\n");
    CHECK(f.out("echo data > /g && gzip -k /g && ls /g /g.gz && gzip -d -c /g.gz") == "/g\n/g.gz\ndata\n");
    CHECK(f.out("echo notgzip | gunzip") == "gunzip: invalid magic\n[1]");
    CHECK(f.out("tar xf /etc/passwd") == "tar: short read\n[1]");
    CHECK(f.out("tar cjf /x.tbz /etc") == "tar: layerlab: only gzip compression is simulated (-j is bzip2)\n[1]");
}

TEST_CASE("shell commands: tar -x refuses paths that climb out") {
    ShellFx f;
    // an archive with "../evil" built by hand: header + data + end
    f.run("mkdir /in && echo x > /in/evil && cd /in && tar cf /a.tar evil");
    f.run("sed -i 's#evil#../ev#' /a.tar");  // corrupts the checksum: rejected
    CHECK(f.out("mkdir /out && tar xf /a.tar -C /out") == "tar: invalid tar magic\n[1]");
}

TEST_CASE("shell commands: sed extras (I flag, labels, t, y with escapes, w /dev/stdout)") {
    ShellFx f;
    f.run("printf 'Hello\\nWORLD\\nhello\\n' > /s");
    CHECK(f.out("sed 's/hello/bye/I' /s") == "bye\nWORLD\nbye\n");
    CHECK(f.out("sed -n '/hello/Ip' /s") == "Hello\nhello\n");
    CHECK(f.out("printf 'a,b,c\\n' | sed ':x; s/,/;/; tx'") == "a;b;c\n");
    CHECK(f.out("echo abc | sed 'y/abc/\\n\\t-/' | od -c 2>/dev/null; echo | sed -n 's/^/x/w /dev/stdout'") == "x\n");
    CHECK(f.out("sed -n '$p' /s /etc/hostname") == "hello\n");
    CHECK(f.out("sed -s -n '$p' /s /s") == "hello\nhello\n");
    CHECK(f.out("sed --expression=s/W/w/ /s | sed -n 2p") == "wORLD\n");
}

TEST_CASE("shell commands: grep -m, -z, -c with several files, exit statuses") {
    ShellFx f;
    f.run("printf 'a1\\na2\\na3\\n' > /g1; printf 'b\\n' > /g2");
    CHECK(f.out("grep -m 2 a /g1") == "a1\na2\n");
    CHECK(f.out("grep -c a /g1 /g2") == "/g1:3\n/g2:0\n");
    CHECK(f.out("grep -q a /g1 /nofile; echo $?") == "0\n");
    CHECK(f.out("grep -q zz /g1 /nofile; echo $?") == "grep: /nofile: No such file or directory\n2\n");
    CHECK(f.out("grep -E '(' /g1") == "grep: Unmatched ( or \\(\n[2]");
    CHECK(f.out("grep '\\(a\\)\\1' /g1") ==
          "grep: layerlab: back-references (\\1) inside a pattern are not supported\n[2]");
    CHECK(f.out("printf 'x\\0y\\0' | grep -z y | tr '\\0' '!'") == "y!");
}

TEST_CASE("shell commands: xargs -0, -t, -r and its exit statuses") {
    ShellFx f;
    CHECK(f.out("printf 'a b\\0c\\0' | xargs -0 -n1 echo") == "a b\nc\n");
    CHECK(f.out("echo x | xargs -t echo") == "echo x\nx\n");
    CHECK(f.out("printf '' | xargs -r echo never; echo $?") == "0\n");
    CHECK(f.out("echo 1 2 | xargs -n1 sh -c 'exit $0'; echo $?") == "123\n");
    CHECK(f.out("echo x | xargs nosuchcmd; echo $?") == "/bin/sh: nosuchcmd: not found\n127\n");
    CHECK(f.out("echo \"a 'b c'\" | xargs -n1 echo") == "a\nb c\n");
}

// md5sum and sha1sum share sha256.h's block framing (BlockBuffer): the
// RFC 1321 / FIPS 180 vectors, one that fills a block to 56 bytes (the
// padding then spills into a second block) and one of 1000 bytes.
TEST_CASE("shell commands: md5sum and sha1sum give the standard test vectors") {
    ShellFx f;
    CHECK(f.out("printf abc | md5sum") == "900150983cd24fb0d6963f7d28e17f72  -\n");
    CHECK(f.out("printf abc | sha1sum") == "a9993e364706816aba3e25717850c26c9cd0d89d  -\n");
    const std::string m56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK(f.out("printf " + m56 + " | md5sum") == "8215ef0796a20bcaaae116d3876c664a  -\n");
    CHECK(f.out("printf " + m56 + " | sha1sum") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1  -\n");
    f.run("s=aaaaaaaaaa; s=$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s; printf %s $s > /k");
    REQUIRE(f.out("wc -c < /k") == "1000\n");
    CHECK(f.out("md5sum /k") == "cabe45dcc9ae5b66ba86600cca6b8ba8  /k\n");
    CHECK(f.out("sha1sum /k") == "291e9a6c66994949b57ba5e650361e98fc36b1ba  /k\n");
}

TEST_CASE("shell commands: checksums check mode and base64 wrapping") {
    ShellFx f;
    f.run("echo abc > /c");
    CHECK(f.out("md5sum /c > /sum; md5sum -c /sum; echo zzz > /c; md5sum -c /sum; echo $?") ==
          "/c: OK\n/c: FAILED\nmd5sum: WARNING: 1 of 1 computed checksums did NOT match\n1\n");
    CHECK(f.out("seq 40 | tr -d '\\n' | base64 -w 20") ==
          "MTIzNDU2Nzg5MTAxMTEy\nMTMxNDE1MTYxNzE4MTky\nMDIxMjIyMzI0MjUyNjI3\nMjgyOTMwMzEzMjMzMzQz\nNTM2MzczODM5NDA=\n");
}

TEST_CASE("shell commands: yes into a pipe writes a bounded amount; to the terminal it is stopped") {
    ShellFx f;
    shell::RunResult r = f.run("yes | head -3");
    CHECK(r.stdout_text() == "y\ny\ny\n");
    CHECK(!r.notes.empty());
    r = f.run("yes");
    CHECK(r.budget_exceeded);
}

TEST_CASE("shell commands: ls in an interactive session prints columns, in a RUN one per line") {
    ShellFx f;
    f.run("mkdir /cols && cd /cols && touch a bb ccc dddd eeeee");
    CHECK(f.out("ls /cols") == "a\nbb\nccc\ndddd\neeeee\n");
    shell::Session s(*f.c, f.opt);
    CHECK(s.exec("ls /cols").stdout_text() == "a      bb     ccc    dddd   eeeee\n");
    CHECK(s.exec("ls -1 /cols | head -2").stdout_text() == "a\nbb\n");
}

TEST_CASE("shell commands: stat's default format and ls -i agree on inodes") {
    ShellFx f;
    std::string st = f.out("stat /etc/passwd");
    CHECK(st.find("  File: /etc/passwd\n  Size: 120       \tBlocks: 8          IO Block: 4096   regular file\n") == 0);
    CHECK(st.find("Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n") != std::string::npos);
    std::string ino = f.out("stat -c %i /etc/passwd");
    CHECK(f.out("ls -i /etc/passwd").find(ino.substr(0, ino.size() - 1)) != std::string::npos);
}

TEST_CASE("shell commands: cp -r into itself is detected, mv into itself refused") {
    ShellFx f;
    CHECK(f.out("mkdir -p /q/r && cp -r /q /q/r; echo $?") ==
          "cp: recursion detected, omitting directory '/q/r/q'\n1\n");
    CHECK(f.out("mv /q /q/z") == "mv: can't rename '/q': Invalid argument\n[1]");
}

TEST_CASE("shell commands: chown/chgrp by name from the container's /etc/passwd and /etc/group") {
    ShellFx f;
    f.run("touch /o");
    CHECK(f.out("chown app:staff /o && stat -c '%U:%G %u:%g' /o") == "app:staff 1000:50\n");
    CHECK(f.out("chown app: /o && stat -c '%G' /o") == "app\n");
    CHECK(f.out("chgrp root /o && chown -R ghost /o; echo $?") == "chown: unknown user ghost\n1\n");
    CHECK(f.out("chown 4242:4343 /o && stat -c '%U %G' /o") == "UNKNOWN UNKNOWN\n");
}

TEST_CASE("shell commands: adduser and friends as a non-root user are refused") {
    ShellFx f;
    f.opt.user = "app";
    CHECK(f.out("adduser -D x") == "adduser: permission denied (are you root?)\n[1]");
    CHECK(f.out("useradd x") == "useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n[1]");
    CHECK(f.out("id -un; whoami; groups") == "app\napp\napp staff\n");
}

TEST_CASE("shell commands: dd seek, notrunc, skip past the end, conv=sync") {
    ShellFx f;
    f.run("printf 'abcdefgh' > /d");
    CHECK(f.out("printf 'XY' | dd of=/d bs=1 seek=2 conv=notrunc status=none; cat /d") == "abXYefgh");
    CHECK(f.out("printf 'XY' | dd of=/d bs=1 seek=2 status=none; cat /d") == "abXY");
    CHECK(f.out("dd if=/d bs=1 skip=100 2>&1") == "0+0 records in\n0+0 records out\n");
    CHECK(f.out("printf 'abc' | dd bs=4 conv=sync 2>/dev/null | wc -c") == "4\n");
    CHECK(f.out("dd if=/nope of=/x") == "dd: can't open '/nope': No such file or directory\n[1]");
}
