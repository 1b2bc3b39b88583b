// The shell's grammar and semantics: parsing (with busybox ash's error
// wording), quoting, expansion, redirections, here-documents, control flow,
// set -e, exit statuses, functions, subshells, the step budget and the
// interactive Session. Expected outputs were taken from busybox 1.35
// (`busybox sh -c '...'`); the busybox table (test_shell_busybox.cpp) checks
// many more against recorded runs.
#include <doctest/doctest.h>

#include "core/shell/parser.h"
#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;

namespace {
std::string parse_error(std::string_view src) {
    Result<shell::NodePtr> r = shell::parse(src);
    if (r) return "ok";
    return r.error().message;
}
}  // namespace

TEST_CASE("shell parser: syntax errors use busybox ash's words") {
    CHECK(parse_error("echo hi; if true; then echo a; fi") == "ok");
    CHECK(parse_error("if true; then echo a; fi fi") == "syntax error: unexpected \"fi\"");
    CHECK(parse_error("echo \"abc") == "syntax error: unterminated quoted string");
    CHECK(parse_error("if true; then") == "syntax error: unexpected end of file (expecting \"fi\")");
    CHECK(parse_error("echo )") == "syntax error: unexpected \")\"");
    CHECK(parse_error("case x in") == "syntax error: unexpected end of file (expecting \")\")");
    CHECK(parse_error("for in") == "syntax error: unexpected end of file (expecting \"do\")");
    CHECK(parse_error("for i in a b; echo $i; done") == "syntax error: unexpected word (expecting \"do\")");
    CHECK(parse_error("echo ${x") == "syntax error: missing '}'");
    CHECK(parse_error("echo ${a b}") == "syntax error: bad substitution");
    CHECK(parse_error("echo $((1") == "syntax error: missing '))'");
    CHECK(parse_error("echo `echo") == "syntax error: EOF in backquote substitution");
    CHECK(parse_error("echo $(echo") == "syntax error: unexpected end of file (expecting \")\")");
    CHECK(parse_error("(echo) foo") == "syntax error: unexpected word");
    CHECK(parse_error("echo a | ;") == "syntax error: unexpected \";\"");
    CHECK(parse_error("&& x") == "syntax error: unexpected \"&&\"");
    CHECK(parse_error("{ }") == "syntax error: unexpected \"}\"");
    CHECK(parse_error("while true; do done") == "syntax error: unexpected \"done\"");
    CHECK(parse_error("x=(1 2)") == "syntax error: unexpected \"(\"");
    CHECK(parse_error("for 1 in a; do :; done") == "syntax error: bad for loop variable");
    CHECK(parse_error("echo a >") == "syntax error: unexpected end of file");
}

TEST_CASE("shell parser: errors carry line and column") {
    Result<shell::NodePtr> r = shell::parse("echo ok\necho fine\n  fi\n");
    REQUIRE(!r);
    CHECK(r.error().where.line == 3);
    CHECK(r.error().where.column == 3);
    CHECK(r.error().code == Errc::syntax);
}

TEST_CASE("shell parser: deep nesting is an error, not a stack overflow") {
    std::string s;
    for (int i = 0; i < 5000; ++i) s += "(";
    CHECK(parse_error(s).find("too deeply nested") != std::string::npos);
    std::string d;
    for (int i = 0; i < 5000; ++i) d += "$(";
    CHECK(parse_error(d).find("too deeply nested") != std::string::npos);
}

TEST_CASE("shell: a script runs line by line; a syntax error stops it there (status 2)") {
    ShellFx f;
    CHECK(f.out("echo hi\nif") == "hi\n/bin/sh: syntax error: unexpected end of file (expecting \"then\")\n[2]");
    // the whole line is parsed first: nothing on it runs
    CHECK(f.out("echo hi; fi") == "/bin/sh: syntax error: unexpected \"fi\"\n[2]");
    shell::RunResult r = f.run("echo a\n  done");
    CHECK(r.syntax_error.where.line == 2);
}

TEST_CASE("shell: quoting") {
    ShellFx f;
    CHECK(f.out("echo 'a  b' \"c  d\" e\\ \\ f") == "a  b c  d e  f\n");
    CHECK(f.out("echo \"a\\\\b\\$c\\\"d\\e\"") == "a\\b$c\"d\\e\n");
    CHECK(f.out("echo 'a\\b'") == "a\\b\n");
    CHECK(f.out("echo a\\\nb") == "ab\n");
    CHECK(f.out("x='a  b'; echo $x; echo \"$x\"") == "a b\na  b\n");
    CHECK(f.out("echo '' \"\" | cat -A") == " $\n");
    CHECK(f.out("set -- ; for i in \"$@\"; do echo x; done; echo end") == "end\n");
}

TEST_CASE("shell: parameter expansion") {
    ShellFx f;
    CHECK(f.out("echo ${#PATH} ${x:-def} ${x=as} $x ${y:+alt} ${x:+alt}") == "60 def as as alt\n");
    CHECK(f.out("v=abc.tar.gz; echo ${v%.*} ${v%%.*} ${v#*.} ${v##*.}") == "abc.tar abc tar.gz gz\n");
    CHECK(f.out("v=hello; echo ${v:1:3} ${v:2} ${v/l/L} ${v//l/L} ${v:(-2)}") == "ell llo heLlo heLLo lo\n");
    CHECK(f.out("x=; echo ${x-u} ${x:-v}") == "v\n");
    CHECK(f.out("echo ${y:?}") == "/bin/sh: y: parameter not set or null\n[2]");
    CHECK(f.out("echo ${y?}; echo after") == "/bin/sh: y: parameter not set\n[2]");
    CHECK(f.out("echo ${y:?custom message}") == "/bin/sh: y: custom message\n[2]");
    CHECK(f.out("set -u; echo $nope; echo after") == "/bin/sh: nope: parameter not set\n[2]");
    CHECK(f.out("set -- a \"b c\" d; echo $#; for i in \"$@\"; do echo \"[$i]\"; done; echo \"$*\"") ==
          "3\n[a]\n[b c]\n[d]\na b c d\n");
    CHECK(f.out("IFS=:; x=a:b::c; for i in $x; do echo \"[$i]\"; done") == "[a]\n[b]\n[]\n[c]\n");
    CHECK(f.out("echo ~ ~/x ~app") == "/root /root/x /home/app\n");
    CHECK(f.out("echo $0 $# $1; echo $?") == "/bin/sh 0\n0\n");
}

TEST_CASE("shell: command substitution") {
    ShellFx f;
    CHECK(f.out("echo $(echo a; echo; echo)b") == "ab\n");
    CHECK(f.out("echo \"$(printf 'a\\n\\n')\"x") == "ax\n");
    CHECK(f.out("echo `echo hi` \"$(echo \"in ner\")\"") == "hi in ner\n");
    CHECK(f.out("x=$(exit 3); echo $?") == "3\n");
    CHECK(f.out("echo $(case x in x) echo matched;; esac)") == "matched\n");
    CHECK(f.out("x=1; y=$(x=2; echo $x); echo $x $y") == "1 2\n");
}

TEST_CASE("shell: arithmetic") {
    ShellFx f;
    CHECK(f.out("echo $((2+3*4)) $((7%3)) $((-7/2)) $((010)) $((0x1f)) $((2**10)) $((1<<3))") ==
          "14 1 -3 8 31 1024 8\n");
    CHECK(f.out("x=3; echo $((x*2)) $((x+=1)) $x; y=2+3; echo $((y*2))") == "6 4 4\n10\n");
    CHECK(f.out("echo $((5>3?7:8)) $((~0)) $((!5)) $((1,2)) $(( 3 > 2 && 1 ))") == "7 -1 0 2 1\n");
    CHECK(f.out("echo $((1/0))") == "/bin/sh: divide by zero\n[2]");
    CHECK(f.out("echo $(( 1 + ))") == "/bin/sh: arithmetic syntax error\n[2]");
    CHECK(f.out("echo $((9223372036854775807+1)) $(( (-9223372036854775807-1) / -1 ))") ==
          "-9223372036854775808 -9223372036854775808\n");
    CHECK(f.out("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i") == "3\n");
}

TEST_CASE("shell: globbing matches the container's files, sorted") {
    ShellFx f;
    f.run("mkdir /g && cd /g && touch b.txt a.txt c.log .hidden && mkdir sub && touch sub/x.txt");
    CHECK(f.out("cd /g; echo *.txt") == "a.txt b.txt\n");
    CHECK(f.out("echo /g/*") == "/g/a.txt /g/b.txt /g/c.log /g/sub\n");
    CHECK(f.out("echo /g/.h*") == "/g/.hidden\n");
    CHECK(f.out("echo /g/*/*.txt") == "/g/sub/x.txt\n");
    CHECK(f.out("echo /g/[ab].txt /g/?.log") == "/g/a.txt /g/b.txt /g/c.log\n");
    CHECK(f.out("echo /g/*.none") == "/g/*.none\n");
    CHECK(f.out("echo '/g/*.txt' \"/g/\"*.log") == "/g/*.txt /g/c.log\n");
    CHECK(f.out("x='/g/*.log'; echo $x \"$x\"") == "/g/c.log /g/*.log\n");
    CHECK(f.out("set -f; echo /g/*") == "/g/*\n");
    CHECK(f.out("echo /g/*/") == "/g/sub/\n");
}

TEST_CASE("shell: redirections") {
    ShellFx f;
    CHECK(f.out("echo a > /o; echo b >> /o; cat /o") == "a\nb\n");
    CHECK(f.out("cat < /o") == "a\nb\n");
    CHECK(f.out("ls /nope 2>/dev/null; echo $?") == "1\n");
    CHECK(f.out("ls /nope 2>&1 | cat") == "ls: /nope: No such file or directory\n");
    CHECK(f.out("echo hi >&2 2>/dev/null") == "hi\n");
    CHECK(f.out("echo x 2>&1 >/dev/null") == "");
    CHECK(f.out("echo a > /nonexistent/x") == "/bin/sh: can't create /nonexistent/x: nonexistent directory\n[1]");
    CHECK(f.out("echo > /etc") == "/bin/sh: can't create /etc: Is a directory\n[1]");
    CHECK(f.out("cat < nofile") == "/bin/sh: can't open nofile: no such file\n[1]");
    CHECK(f.out("echo >&5") == "/bin/sh: 5: Bad file descriptor\n[1]");
    CHECK(f.out("exec 3>/f3; echo a >&3; echo b >&3; cat /f3") == "a\nb\n");
    CHECK(f.out("exec >/dev/null; echo gone") == "");
    CHECK(f.out("{ echo a; echo b; } > /grp; cat /grp") == "a\nb\n");
    CHECK(f.out("for i in 1 2; do echo $i; done > /loop; cat /loop") == "1\n2\n");
    CHECK(f.out("echo x > /dev/stderr") == "x\n");
    CHECK(f.out(": > /empty; wc -c < /empty") == "0\n");
}

TEST_CASE("shell: here-documents") {
    ShellFx f;
    CHECK(f.out("x=1; cat <<EOF\nx=$x `echo z` \\$y\nEOF") == "x=1 z $y\n");
    CHECK(f.out("cat <<'EOF'\n$HOME `x`\nEOF") == "$HOME `x`\n");
    CHECK(f.out("cat <<-EOF\n\tindented\n\tEOF\necho after") == "indented\nafter\n");
    CHECK(f.out("read a b <<EOF\n1 2 3\nEOF\necho \"$a|$b\"") == "1|2 3\n");
    CHECK(f.out("cat <<A; cat <<B\none\nA\ntwo\nB") == "one\ntwo\n");
    CHECK(f.out("x=$(cat <<EOF\ninside\nEOF\n); echo $x") == "inside\n");
}

TEST_CASE("shell: control flow") {
    ShellFx f;
    CHECK(f.out("if false; then echo a; elif true; then echo b; else echo c; fi") == "b\n");
    CHECK(f.out("x=5; while [ $x -gt 0 ]; do x=$((x-1)); [ $x = 2 ] && continue; echo $x; done") == "4\n3\n1\n0\n");
    CHECK(f.out("until [ -f /u ]; do touch /u; echo once; done") == "once\n");
    CHECK(f.out("for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done") == "1a\n");
    CHECK(f.out("case abc in a*) echo A;; *) echo B;; esac") == "A\n");
    CHECK(f.out("case x in (x|y) echo xy;; esac") == "xy\n");
    CHECK(f.out("case '*' in \\*) echo star;; *) echo other;; esac") == "star\n");
    CHECK(f.out("true && { echo a; false; } || echo b") == "a\nb\n");
    CHECK(f.out("! true; echo $?") == "1\n");
    CHECK(f.out("false | true; echo $?") == "0\n");
    CHECK(f.out("set -o pipefail; false | true; echo $?") == "1\n");
    CHECK(f.out("break; echo after") == "after\n");
    CHECK(f.out("f() { echo f$1; return 3; }; f x; echo $?") == "fx\n3\n");
    CHECK(f.out("f() { local x=1; echo $x; }; x=2; f; echo $x") == "1\n2\n");
    CHECK(f.out("(x=1; exit 4); echo $? $x") == "4\n");
    CHECK(f.out("x=1; { x=2; }; echo $x") == "2\n");
    CHECK(f.out("echo x | read v; echo \"[$v]\"") == "[]\n");
    CHECK(f.out("eval 'a=1; echo $a'") == "1\n");
    CHECK(f.out("exit 3; echo not") == "[3]");
    CHECK(f.out("exec echo replaced; echo not") == "replaced\n");
    CHECK(f.out("trap 'echo bye' EXIT; echo hi; exit 3") == "hi\nbye\n[3]");
}

TEST_CASE("shell: set -e follows ash (tested contexts do not exit)") {
    ShellFx f;
    CHECK(f.out("set -e; false || true; echo ok; false; echo no") == "ok\n[1]");
    CHECK(f.out("set -e; if false; then :; fi; echo ok2") == "ok2\n");
    CHECK(f.out("set -e; false && true; echo and-list") == "and-list\n");
    CHECK(f.out("set -e; true && false; echo no") == "[1]");
    CHECK(f.out("set -e; f() { false; echo in; }; f && echo y; echo z") == "in\ny\nz\n");
    CHECK(f.out("set -e; x=$(false); echo after") == "[1]");
    CHECK(f.out("set -e; (false); echo after") == "[1]");
    CHECK(f.out("set -e; false | true; echo pipe-ok") == "pipe-ok\n");
    CHECK(f.out("set -e; ! true; echo bang-ok") == "bang-ok\n");
    CHECK(f.out("set -e; while false; do :; done; echo loop-ok") == "loop-ok\n");
    CHECK(f.out("sh -e -c 'false; echo no'; echo $?") == "1\n");
}

TEST_CASE("shell: set -x prints commands like ash") {
    ShellFx f;
    shell::RunResult r = f.run("set -x; echo a 'b c' \"d'e\" '' '*' a=b; v='1 2'; A=1 true; echo in");
    CHECK(r.stderr_text() == "+ echo a 'b c' 'd'\"'\"'e'  '*' 'a=b'\n+ v='1 2'\n+ A=1 true\n+ echo 'in'\n");
}

TEST_CASE("shell: the image's Env, WorkingDir and User") {
    ShellFx f;
    f.opt.env.push_back("GREETING=hello world");
    f.opt.working_dir = "/home/app";
    f.opt.user = "app";
    CHECK(f.out("echo $GREETING; pwd; id; echo $HOME; touch mine; ls -ln mine | cut -c1-34") ==
          "hello world\n/home/app\nuid=1000(app) gid=1000(app) groups=50(staff),1000(app)\n/home/app\n"
          "-rw-r--r--    1 1000     1000     \n");
    CHECK(f.out("echo x > /etc/passwd") == "/bin/sh: can't create /etc/passwd: Permission denied\n[1]");
    CHECK(f.out("touch /root/x") == "touch: /root/x: Permission denied\n[1]");
    f.opt.user = "1234:50";
    CHECK(f.out("id") == "uid=1234 gid=50(staff)\n");
    f.opt.user = "ghost";
    shell::RunResult r = f.run("echo never");
    CHECK(r.status != 0);
    CHECK(r.error == "unable to find user ghost: no matching entries in passwd file");
}

TEST_CASE("shell: a missing WorkingDir is created, as BuildKit does") {
    ShellFx f;
    f.opt.working_dir = "/srv/app";
    CHECK(f.out("pwd") == "/srv/app\n");
    CHECK(f.c->exists("/srv/app"));
}

TEST_CASE("shell: env lists exported variables in ash's order") {
    ShellFx f;
    f.opt.env = {"B=1", "A=2", "ZZ=3", "PATH=/bin", "HOME=/root", "HOSTNAME=x", "TERM=xterm"};
    CHECK(f.out("export NEW=1; env") ==
          "NEW=1\nHOSTNAME=x\nSHLVL=1\nHOME=/root\nA=2\nTERM=xterm\nPATH=/bin\nZZ=3\nB=1\nPWD=/\n");
    CHECK(f.out("export -p") ==
          "export A='2'\nexport B='1'\nexport HOME='/root'\nexport HOSTNAME='x'\nexport PATH='/bin'\nexport "
          "PWD='/'\nexport SHLVL='1'\nexport TERM='xterm'\nexport ZZ='3'\n");
}

TEST_CASE("shell: an unknown command exits 127 as a build step would, with a note") {
    ShellFx f;
    shell::RunResult r = f.run("nosuchcmd --version");
    CHECK(r.status == 127);
    CHECK(r.combined() == "/bin/sh: nosuchcmd: not found\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0] == "nosuchcmd: not found in this image's $PATH (a real build fails the same way)");
}

TEST_CASE("shell: a program that exists but is not simulated is a labelled stand-in") {
    // ldconfig, patch, setcap, ...: exit 0, no output, no effect on files,
    // and a "stand-in:" note (never a dead end, never a silent fake)
    ShellFx f;
    const std::string elf("\x7f"
                          "ELF\0\0",
                          6);
    f.add_layer({f.file("/usr/bin/perl", elf, 0755), f.file("/usr/sbin/ldconfig", elf, 0755),
                 f.file("/usr/bin/patch", elf, 0755)});
    shell::RunResult r = f.run("perl -e 'print 1'");
    CHECK(r.status == 0);
    CHECK(r.combined().empty());
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0] ==
          "stand-in: perl is in this image but layerlab does not simulate it: it ran as a stand-in (exit status 0, "
          "no output), so whatever the real program would change in the files is not shown");
    CHECK(r.error.empty());
    // a `set -e` chain goes on; the files are untouched
    CHECK(f.out("set -e; ldconfig; patch -p1 -i fix.diff; echo on") == "on\n");
    CHECK(f.upper().empty());
    // a script for an interpreter the image has: a stand-in too
    f.run("printf '#!/usr/bin/perl -w\\nprint 1;\\n' > /s.pl; printf '#!/bin/env perl\\n' > /e.pl; "
          "chmod +x /s.pl /e.pl");
    r = f.run("/s.pl; /e.pl; echo $?");
    CHECK(r.combined() == "0\n");
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[0].rfind("stand-in: /s.pl (a script for perl) is in this image but layerlab does not", 0) == 0);
}

TEST_CASE("shell: a script whose #! interpreter is missing is not found (busybox 1.35, GNU env)") {
    ShellFx f;
    f.run("printf '#!/usr/bin/python9\\n' > /a.py; printf '#!/bin/env python9\\n' > /b.py; chmod +x /a.py /b.py");
    shell::RunResult r = f.run("/a.py");
    CHECK(r.status == 127);
    CHECK(r.combined() == "/bin/sh: /a.py: not found\n");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0] == "/a.py: its interpreter (/usr/bin/python9) is not in this image");
    CHECK(r.error == r.notes[0]);
    // busybox's env (this fixture's /bin/env is busybox)
    CHECK(f.out("/b.py; echo $?") == "env: can't execute 'python9': No such file or directory\n127\n");
}

TEST_CASE("shell: commands come from $PATH in the filesystem; builtins need no file") {
    ShellFx f(false);  // no applet symlinks: only /bin/busybox
    CHECK(f.out("echo builtin; cat /etc/hostname") == "builtin\n/bin/sh: cat: not found\n[127]");
    CHECK(f.out("busybox cat /etc/group | head -1") == "/bin/sh: head: not found\n[127]");
    CHECK(f.out("/bin/busybox echo direct") == "direct\n");
    CHECK(f.out("ln() { :; }; PATH=/nowhere; test -d / && echo still-builtin") == "still-builtin\n");
}

TEST_CASE("shell: scripts run by path, by sh, and sh -c") {
    ShellFx f;
    f.run("printf '#!/bin/sh\\necho script $1 $#\\nexit 5\\n' > /s.sh; chmod +x /s.sh");
    CHECK(f.out("/s.sh a b; echo $?") == "script a 2\n5\n");
    CHECK(f.out("sh /s.sh x; echo $?") == "script x 1\n5\n");
    CHECK(f.out("sh -c 'echo $0 $1' zero one") == "zero one\n");
    CHECK(f.out("printf 'echo no-shebang\\n' > /n.sh; chmod 755 /n.sh; /n.sh") == "no-shebang\n");
    CHECK(f.out("printf 'echo x\\n' > /nx.sh; /nx.sh") == "/bin/sh: /nx.sh: Permission denied\n[126]");
    CHECK(f.out("./missing") == "/bin/sh: ./missing: not found\n[127]");
    CHECK(f.out("echo 'echo from stdin' | sh") == "from stdin\n");
    CHECK(f.out("printf 'echo one\\ncd /nope\\nfoo\\nif\\n' > /e.sh; sh /e.sh") ==
          "one\n/e.sh: cd: line 2: can't cd to /nope: No such file or directory\n/e.sh: line 3: foo: not found\n"
          "/e.sh: line 5: syntax error: unexpected end of file (expecting \"then\")\n[2]");
}

TEST_CASE("shell: builtins cd, pwd, read, umask, command, type, shift, getopts") {
    ShellFx f;
    CHECK(f.out("cd /tmp; echo $PWD; cd ..; pwd; cd -; echo $OLDPWD") == "/tmp\n/\n/tmp\n/\n");
    CHECK(f.out("cd /nonexist") == "/bin/sh: cd: line 0: can't cd to /nonexist: No such file or directory\n[2]");
    CHECK(f.out("cd; pwd") == "/root\n");
    CHECK(f.out("printf 'a\\\\\\nb c\\n' | { read x; echo \"$x\"; }") == "ab c\n");
    CHECK(f.out("printf 'a\\\\\\nb c\\n' | { read -r x; echo \"$x\"; }") == "a\\\n");
    CHECK(f.out("read x < /dev/null; echo $? \"[$x]\"") == "1 []\n");
    CHECK(f.out("umask; umask 027; umask; umask -S") == "0022\n0027\nu=rwx,g=rx,o=\n");
    CHECK(f.out("umask 077; touch /um; stat -c %a /um") == "600\n");
    CHECK(f.out("command -v ls cd; type echo ls f") ==
          "/bin/ls\ncd\necho is a shell builtin\nls is /bin/ls\nf: not found\n[127]");
    CHECK(f.out("set -- a b c; shift; echo $1 $#; shift 5; echo $?") == "b 2\n1\n");
    CHECK(f.out("getopts ab: o -a; echo $o $OPTIND") == "a 2\n");
    CHECK(f.out("x=1; readonly x; x=2; echo no") == "/bin/sh: x: is read only\n[2]");
    CHECK(f.out("[ 1 -eq a ]") == "sh: a: bad number\n[2]");
    CHECK(f.out("[ 1 -eq 1") == "sh: missing ]\n[2]");
    CHECK(f.out("test 1 2 3") == "sh: 2: unknown operand\n[2]");
    CHECK(f.out("[ -d / -a ! -e /nope ] && [ \"(\" x \")\" ] && echo yes") == "yes\n");
    CHECK(f.out("echo $-; set -eu; echo $-") == "c\nuce\n");
}

TEST_CASE("shell: echo and printf") {
    ShellFx f;
    CHECK(f.out("echo -e 'a\\0101b\\x41\\c' x; echo") == "aAbA\n");
    CHECK(f.out("echo -n -e 'x\\ty'; echo; echo -neX; echo '\\n'") == "x\ty\n-neX\n\\n\n");
    CHECK(f.out("printf '%s-%d-%5.2f|%-4s|%x\\n' s 42 3.14159 ab 255") == "s-42- 3.14|ab  |ff\n");
    CHECK(f.out("printf '%d %s\\n' 1 a 2 b 3") == "1 a\n2 b\n3 \n");
    CHECK(f.out("printf '%d\\n' abc") == "sh: invalid number 'abc'\n0\n[1]");
    CHECK(f.out("printf '%b' 'a\\nb\\c' x; echo") == "a\nb\n");
    CHECK(f.out("printf \"%d\\n\" \"'A\"") == "65\n");
    CHECK(f.out("printf") == "sh: usage: printf FORMAT [ARGUMENT...]\n[2]");
    // widths past a fixed buffer come out whole (was cut at 511 characters)
    CHECK(f.out("printf '%2000d|' 7 | wc -c") == "2001\n");
    CHECK(f.out("printf '%-1000s|%.1500f' x 1 | wc -c") == "2503\n");
    CHECK(f.out("printf '%600c|' z | wc -c") == "601\n");
}

TEST_CASE("shell: an endless loop is stopped by the step budget with a clear message") {
    ShellFx f;
    f.opt.step_budget = 20000;
    shell::RunResult r = f.run("while true; do :; done; echo never");
    CHECK(r.budget_exceeded);
    CHECK(r.status == 137);
    CHECK(r.error.find("step budget") != std::string::npos);
    CHECK(r.stderr_text().find("layerlab: stopped after 20000 steps") == 0);
    CHECK(r.stdout_text().empty());
    // recursion hits the depth limit, not the C++ stack
    r = f.run("f() { f; }; f; echo after");
    CHECK(r.status == 2);
    CHECK(r.combined().find("nested too deeply") != std::string::npos);
    // endless devices
    r = f.run("cat /dev/zero > /z");
    CHECK(r.budget_exceeded);
    r = f.run("tail -f /etc/passwd");
    CHECK(r.budget_exceeded);
}

TEST_CASE("shell: appending in a loop hits the data budget, not memory") {
    ShellFx f;
    f.opt.data_budget = 1 << 20;
    shell::RunResult r = f.run("while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx >> /log; done");
    CHECK(r.budget_exceeded);
    CHECK(r.error.find("data budget") != std::string::npos);
}

TEST_CASE("shell: 2,000 appends to a log run to the end; the data budget counts the bytes appended") {
    ShellFx f;
    shell::RunResult r =
        f.run("i=0; while [ $i -lt 2000 ]; do echo line $i >> /log; i=$((i+1)); done; wc -l < /log; tail -n 1 /log");
    CHECK_FALSE(r.budget_exceeded);
    CHECK(r.stdout_text() == "2000\nline 1999\n");
}

TEST_CASE("shell: terminal output is capped") {
    ShellFx f;
    f.opt.output_limit = 100;
    shell::RunResult r = f.run("i=0; while [ $i -lt 50 ]; do echo line $i; i=$((i+1)); done");
    CHECK(r.output_truncated);
    CHECK(r.combined().size() < 140);
    CHECK(r.combined().find("[output truncated]") != std::string::npos);
}

TEST_CASE("shell session: keeps cwd, variables and functions between lines") {
    ShellFx f;
    f.opt.arg0 = "sh";  // a terminal started with `sh`
    shell::Session s(*f.c, f.opt);
    CHECK(s.exec("cd /etc; x=42; f() { echo fn $x; }").status == 0);
    CHECK(s.cwd() == "/etc");
    CHECK(s.prompt() == "/etc # ");
    CHECK(s.exec("f; pwd").combined() == "fn 42\n/etc\n");
    REQUIRE(s.var("x"));
    CHECK(*s.var("x") == "42");
    // an error ends the line, not the session
    CHECK(s.exec("echo ${nope?gone}; echo not-reached").combined() == "sh: nope: gone\n");
    CHECK(s.exec("if").status == 2);
    CHECK(s.exec("echo still here").combined() == "still here\n");
    // an endless loop ends that line only
    f.opt.step_budget = 1000;
    shell::Session t(*f.c, f.opt);
    CHECK(t.exec("while :; do :; done").budget_exceeded);
    CHECK(t.exec("echo alive").combined() == "alive\n");
    CHECK(t.exec("exit 7").status == 7);
    CHECK(t.exited());
}
