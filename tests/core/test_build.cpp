// The build engine: COPY/ADD rules, ARG/ENV scoping, config interplay,
// stages and --target, errors with their places, step-by-step building.
// The whole-image comparisons against the real buildah live in tests/build/.
#include "test_build_fixture.h"

#include "core/gzip.h"
#include "core/tar.h"

using namespace ll;
using namespace ll::build;
using ll::test::BuildFx;
using ll::test::step_named;

namespace {

std::vector<std::string> history_lines(const Image& img) {
    std::vector<std::string> out;
    for (const HistoryEntry& h : img.history) out.push_back((h.empty_layer ? "- " : "L ") + h.created_by);
    return out;
}

}  // namespace

// ---------------------------------------------------------------- COPY rules

TEST_CASE("COPY: a directory source copies its contents; the destination dir is created 0755 root") {
    BuildFx fx;
    fx.file("src/main.txt", "main\n");
    fx.file("src/sub/inner.txt", "inner\n");
    fx.ctx.add_dir("src/sub", 0700);
    fx.symlink("src/link.txt", "main.txt");
    auto b = fx.ok("FROM busybox\nCOPY src /app\n");
    const Image& img = b->result();
    CHECK(fx.at(img, "/app") == "dir 0755 0:0");
    CHECK(fx.at(img, "/app/main.txt") == "file 0644 0:0 main\n");
    CHECK(fx.at(img, "/app/sub") == "dir 0700 0:0");              // nested dirs keep their mode
    CHECK(fx.at(img, "/app/link.txt") == "symlink -> main.txt");  // stays a symlink
    CHECK(fx.at(img, "/app/src") == "-");                         // the directory itself is not copied
}

TEST_CASE("COPY: destination rules (trailing slash, rename, existing directory, WORKDIR-relative)") {
    BuildFx fx;
    fx.file("hello.txt", "hello\n");
    fx.file("run.sh", "#!/bin/sh\n", 0755);
    auto b = fx.ok(
        "FROM busybox\n"
        "COPY hello.txt /dst/\n"
        "COPY hello.txt /renamed.txt\n"
        "RUN mkdir /existing\n"
        "COPY hello.txt /existing\n"
        "COPY run.sh /deep/er/dir/\n"
        "WORKDIR /work\n"
        "COPY hello.txt .\n"
        "COPY hello.txt rel/\n");
    const Image& img = b->result();
    CHECK(fx.at(img, "/dst/hello.txt") == "file 0644 0:0 hello\n");
    CHECK(fx.at(img, "/renamed.txt") == "file 0644 0:0 hello\n");
    CHECK(fx.at(img, "/existing/hello.txt") == "file 0644 0:0 hello\n");
    CHECK(fx.at(img, "/deep/er") == "dir 0755 0:0");                          // missing parents: 0755 root
    CHECK(fx.at(img, "/deep/er/dir/run.sh") == "file 0755 0:0 #!/bin/sh\n");  // mode kept
    CHECK(fx.at(img, "/work/hello.txt") == "file 0644 0:0 hello\n");
    CHECK(fx.at(img, "/work/rel/hello.txt") == "file 0644 0:0 hello\n");
    // a symlink in the destination is followed (inside the image)
    auto l = fx.ok("FROM busybox\nRUN mkdir /target && ln -s /target /lnk\nCOPY hello.txt /lnk/\n");
    CHECK(fx.content(l->result(), "/target/hello.txt") == "hello\n");
    CHECK(fx.at(l->result(), "/lnk") == "symlink -> /target");
}

TEST_CASE("COPY: a symlink named as the source is followed; one inside a directory is not") {
    BuildFx fx;
    fx.file("real.txt", "real\n");
    fx.symlink("link", "real.txt");
    fx.symlink("dir/inner-link", "../real.txt");
    auto b = fx.ok("FROM busybox\nCOPY link /followed\nCOPY dir /d\n");
    CHECK(fx.at(b->result(), "/followed") == "file 0644 0:0 real\n");
    CHECK(fx.at(b->result(), "/d/inner-link") == "symlink -> ../real.txt");
}

TEST_CASE("COPY: wildcards match one path level; BuildKit copies nothing for a miss in a folder that exists") {
    BuildFx fx;
    fx.file("a.txt", "a\n");
    fx.file("b.txt", "b\n");
    fx.file("sub/c.txt", "c\n");
    auto b = fx.ok("FROM busybox\nCOPY *.txt /txt/\n");
    CHECK(fx.content(b->result(), "/txt/a.txt") == "a\n");
    CHECK(fx.content(b->result(), "/txt/b.txt") == "b\n");
    CHECK(fx.at(b->result(), "/txt/c.txt") == "-");
    // dockerfile2llb's copy sets AllowEmptyWildcard: the Next.js example's
    // COPY package.json yarn.lock* package-lock.json* ./ needs only one lock file
    auto lock = fx.ok("FROM busybox\nCOPY a.txt nothing* *.lock /app/\nCOPY *.nothing /x/\n");
    CHECK(fx.content(lock->result(), "/app/a.txt") == "a\n");
    CHECK(fx.at(lock->result(), "/x") == "-");  // nothing matched: the copy returns before making /x
    // a wildcard below a folder the context lacks is not found
    auto bad = fx.build("FROM busybox\nCOPY nodir/*.txt /x/\n");
    REQUIRE(bad->failed());
    CHECK(bad->error()->message.find("\"/nodir/*.txt\": not found") != std::string::npos);
    CHECK(bad->error()->where.str() == "Dockerfile:2:1");
}

TEST_CASE("COPY: several sources need a directory destination ending in /") {
    BuildFx fx;
    fx.file("a", "a");
    fx.file("b", "b");
    auto b = fx.build("FROM busybox\nCOPY a b /dest\n");
    REQUIRE(b->failed());
    CHECK(b->error()->message ==
          "When using COPY with more than one source file, the destination must be a directory and end with a /");
    CHECK(b->error()->where.str() == "Dockerfile:2:10");  // the destination word
    CHECK(b->steps()[1].state == StepState::failed);
    auto good = fx.ok("FROM busybox\nCOPY a b /dest/\n");
    CHECK(fx.content(good->result(), "/dest/b") == "b");
}

TEST_CASE("COPY: sources never leave the context, and .dockerignore hides files") {
    BuildFx fx;
    fx.file("inside.txt", "in\n");
    fx.file("secret.key", "k\n");
    fx.file(".dockerignore", "*.key\n");
    auto up = fx.ok("FROM busybox\nCOPY ../inside.txt /x\n");  // ".." stops at the context root
    CHECK(fx.content(up->result(), "/x") == "in\n");
    CHECK_FALSE(step_named(*up, "COPY").notes.empty());
    auto ign = fx.build("FROM busybox\nCOPY secret.key /k\n");
    REQUIRE(ign->failed());
    CHECK(ign->error()->message.find("excluded by .dockerignore") != std::string::npos);
    auto missing = fx.build("FROM busybox\nRUN true\nCOPY nope.txt /n\n");
    REQUIRE(missing->failed());
    CHECK(missing->error()->where.str() == "Dockerfile:3:1");
    CHECK(missing->error()->message.find("\"/nope.txt\": not found") != std::string::npos);
}

TEST_CASE("COPY --chown takes ids and names from the image; --chmod sets modes") {
    BuildFx fx;
    fx.file("a.txt", "a\n");
    fx.file("tree/t", "t\n");
    auto b = fx.ok(
        "FROM busybox\n"
        "COPY --chown=1000:1000 a.txt /ids/\n"
        "COPY --chown=1234 a.txt /uid.txt\n"
        "COPY --chown=nobody a.txt /byname.txt\n"
        "COPY --chown=nobody:root a.txt /usergroup.txt\n"
        "COPY --chmod=0600 tree /tree/\n");
    const Image& img = b->result();
    CHECK(fx.at(img, "/ids") == "dir 0755 1000:1000");  // created directories too
    CHECK(fx.at(img, "/ids/a.txt") == "file 0644 1000:1000 a\n");
    CHECK(fx.at(img, "/uid.txt") == "file 0644 1234:1234 a\n");
    CHECK(fx.at(img, "/byname.txt") == "file 0644 65534:65534 a\n");
    CHECK(fx.at(img, "/usergroup.txt") == "file 0644 65534:0 a\n");
    CHECK(fx.at(img, "/tree/t") == "file 0600 0:0 t\n");
    CHECK(fx.at(img, "/tree") == "dir 0755 0:0");
    auto bad = fx.build("FROM busybox\nCOPY --chown=nosuchuser a.txt /a\n");
    REQUIRE(bad->failed());
    CHECK(bad->error()->message.find("unable to find user nosuchuser") != std::string::npos);
    auto badmode = fx.build("FROM busybox\nCOPY --chmod=u+rwz a.txt /a\n");
    REQUIRE(badmode->failed());
    CHECK(badmode->error()->message.find("invalid chmod parameter") != std::string::npos);
}

TEST_CASE("COPY heredocs write files; variables expand unless the delimiter is quoted") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox\nENV WHO=world\nCOPY <<EOF /etc/motd\nHello, ${WHO}!\nEOF\n"
        "COPY <<'EOF' /raw\nno ${X}\nEOF\n");
    CHECK(fx.at(b->result(), "/etc/motd") == "file 0644 0:0 Hello, world!\n");
    CHECK(fx.content(b->result(), "/raw") == "no ${X}\n");
    CHECK(step_named(*b, "COPY <<EOF").created_by == "COPY <<EOF /etc/motd # buildkit");
}

// ---------------------------------------------------------------- ADD

namespace {
std::string small_tar(Store& s) {
    LayerBuilder lb(s.paths);
    Entry d;
    d.path = s.paths.intern("/pkg");
    d.type = EntryType::dir;
    d.mode = 0750;
    d.uid = 1000;
    d.gid = 1000;
    lb.put(d);
    Entry f;
    f.path = s.paths.intern("/pkg/file");
    f.type = EntryType::file;
    f.mode = 0640;
    f.uid = 1000;
    f.gid = 1000;
    f.blob = s.blobs.bytes("payload\n");
    lb.put(f);
    return layer_tar_bytes(*lb.freeze(s.blobs), s.paths, s.blobs);
}
}  // namespace

TEST_CASE("ADD unpacks local tar archives by content, keeping their owners; other files are copied") {
    BuildFx fx;
    std::string tar = small_tar(fx.store);
    fx.file("a.tar.gz", gzip(tar));
    fx.file("plain.tar", tar);
    fx.file("not-a.tar.gz", "just text\n");
    auto b = fx.ok(
        "FROM busybox\nADD a.tar.gz /opt/\nADD plain.tar /srv\nADD not-a.tar.gz /data/\n"
        "ADD a.tar.gz /named.tgz\n");
    const Image& img = b->result();
    CHECK(fx.at(img, "/opt/pkg") == "dir 0750 1000:1000");
    CHECK(fx.at(img, "/opt/pkg/file") == "file 0640 1000:1000 payload\n");
    CHECK(fx.at(img, "/srv/pkg/file") == "file 0640 1000:1000 payload\n");
    CHECK(fx.at(img, "/data/not-a.tar.gz") == "file 0644 0:0 just text\n");
    CHECK(fx.at(img, "/named.tgz") == "dir 0755 0:0");  // an archive always becomes a directory
    CHECK(step_named(*b, "ADD a.tar.gz /opt/").rule == "ADD unpacks local tar archives; COPY never does");
    auto copy = fx.ok("FROM busybox\nCOPY a.tar.gz /opt/\n");
    CHECK(fx.at(copy->result(), "/opt/a.tar.gz").rfind("file 0644", 0) == 0);
}

TEST_CASE("ADD and COPY --from keep hard links as hard links") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox AS s\nRUN mkdir /h && echo data > /h/a && ln /h/a /h/b\n"
        "FROM busybox\nCOPY --from=s /h /copied\n");
    const Step& copy = step_named(*b, "COPY --from");
    REQUIRE(copy.layer);
    const Entry* a = copy.layer->find(fx.store.paths.find("/copied/a"));
    const Entry* bb = copy.layer->find(fx.store.paths.find("/copied/b"));
    REQUIRE(a);
    REQUIRE(bb);
    CHECK(a->link_group != 0);
    CHECK(a->link_group == bb->link_group);
}

TEST_CASE("COPY --from a stage that rests on stand-ins: a missing output is a labelled placeholder") {
    BuildFx fx;
    // stage b stood in for a download, so what it would have built is not known: placeholders, labelled
    auto b = fx.ok(
        "FROM busybox AS b\nADD https://x.org/tool /usr/bin/tool\nFROM busybox\n"
        "COPY --from=b /src/whoami/whoami /usr/bin/tool /bin/\nCOPY --from=b /app/dist /www\n");
    CHECK(fx.at(b->result(), "/bin/whoami").rfind("file 0755", 0) == 0);
    CHECK(fx.content(b->result(), "/bin/whoami").rfind("layerlab stand-in for /src/whoami/whoami of stage b", 0) == 0);
    CHECK(fx.at(b->result(), "/bin/tool").rfind("file 0600", 0) == 0);  // what the stage has is copied as it is
    CHECK(fx.at(b->result(), "/www/LAYERLAB-STAND-IN.txt").rfind("file 0644", 0) == 0);
    const build::Step& st = step_named(*b, "COPY --from=b /app/dist");
    REQUIRE_FALSE(st.notes.empty());
    CHECK(st.notes[0].rfind("stand-in: COPY --from=b /app/dist: not in that stage, and its step", 0) == 0);
    // a stage with nothing stood in: BuildKit's error, as before
    auto bad = fx.build("FROM busybox AS c\nRUN true\nFROM busybox\nCOPY --from=c /nope /x\n");
    REQUIRE(bad->failed());
    CHECK(bad->error()->message.find("\"/nope\": not found in stage c") != std::string::npos);
}

TEST_CASE("ADD: URLs are labelled stand-in downloads; bzip2/xz archives fail with a plain explanation") {
    BuildFx fx;
    fx.file("a.tar.bz2", std::string("BZh91AY&SY") + std::string(600, 'x'));
    auto url = fx.ok("FROM busybox\nADD https://example.org/app.tar.gz /app/\nADD https://x.org/tool /usr/bin/tool\n");
    CHECK(fx.at(url->result(), "/app/app.tar.gz").rfind("file 0600", 0) == 0);  // a placeholder, not unpacked
    CHECK(fx.at(url->result(), "/usr/bin/tool").rfind("file 0600", 0) == 0);
    REQUIRE(!step_named(*url, "ADD https://example.org").notes.empty());
    CHECK(step_named(*url, "ADD https://example.org").notes[0].rfind("stand-in: ADD https://example.org/app.tar.gz", 0) ==
          0);
    auto git = fx.ok("FROM busybox\nADD https://github.com/acme/tool.git#v1 /src\n");
    CHECK(fx.at(git->result(), "/src/LAYERLAB-STAND-IN.txt").rfind("file", 0) == 0);
    auto bz = fx.build("FROM busybox\nADD a.tar.bz2 /x/\n");
    REQUIRE(bz->failed());
    CHECK(bz->error()->message.find("bzip2") != std::string::npos);
    CHECK(bz->error()->code == Errc::unsupported);
}

// ---------------------------------------------------------------- ARG / ENV

TEST_CASE("ARG scoping: global ARGs only in FROM unless redeclared; --build-arg overrides") {
    BuildFx fx;
    Options o;
    o.build_args = {{"FLAVOR", "chocolate"}, {"UNUSED", "x"}};
    auto b = fx.ok(
        "ARG BASE=busybox\nARG VERSION=1.0\nFROM ${BASE}\n"
        "RUN echo \"v=$VERSION\" > /before\n"
        "ARG VERSION\nARG FLAVOR=vanilla\n"
        "RUN echo \"v=$VERSION f=$FLAVOR\" > /after\n",
        o);
    const Image& img = b->result();
    CHECK(fx.content(img, "/before") == "v=\n");  // not redeclared yet: not visible
    CHECK(fx.content(img, "/after") == "v=1.0 f=chocolate\n");
    for (const std::string& e : img.config.env) CHECK(e.rfind("FLAVOR=", 0) != 0);  // ARGs never persist
    CHECK(step_named(*b, "f=$FLAVOR").created_by ==
          "RUN |2 VERSION=1.0 FLAVOR=chocolate /bin/sh -c echo \"v=$VERSION f=$FLAVOR\" > /after # buildkit");
    CHECK(step_named(*b, "ARG FLAVOR").created_by == "ARG FLAVOR=chocolate");
    REQUIRE(b->warnings().size() == 1);
    CHECK(b->warnings()[0].find("UNUSED") != std::string::npos);
}

TEST_CASE("ENV: one line sees the values from before it; substitution forms; order in place") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox\nENV NAME=demo HOME_DIR=/opt\n"
        "ENV NAME=changed OLD=$NAME D=${MISSING:-fallback} A=${NAME:+set} E=${MISSING:+never}\n"
        "ENV PATH=/opt/bin:$PATH\n"
        "RUN echo \"$NAME $OLD\" > /env.txt\n");
    const auto& env = b->result().config.env;
    REQUIRE(env.size() == 7);
    CHECK(env[0] == "PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");  // in place
    CHECK(env[1] == "NAME=changed");
    CHECK(env[3] == "OLD=demo");
    CHECK(env[4] == "D=fallback");
    CHECK(env[5] == "A=set");
    CHECK(env[6] == "E=");
    CHECK(fx.content(b->result(), "/env.txt") == "changed demo\n");
    CHECK(step_named(*b, "ENV NAME=changed").created_by == "ENV NAME=changed OLD=demo D=fallback A=set E=");
    // buildah moves an inherited variable to the end when it is set
    Options bo;
    bo.flavor = Flavor::buildah;
    auto h = fx.ok("FROM busybox\nENV A=1\nENV PATH=/x\n", bo);
    CHECK(h->result().config.env == std::vector<std::string>{"A=1", "PATH=/x"});
}

TEST_CASE("variables expand in WORKDIR, COPY, LABEL, EXPOSE and USER") {
    BuildFx fx;
    fx.file("f.conf", "c\n");
    auto b = fx.ok(
        "FROM busybox\nENV DIR=/srv/app PORT=8080 WHO=nobody\nWORKDIR $DIR\nCOPY f.conf ${DIR}/conf/\n"
        "LABEL where=\"$DIR\"\nEXPOSE ${PORT} 53/udp\nUSER ${WHO}\n");
    const ImageConfig& c = b->result().config;
    CHECK(c.working_dir == "/srv/app");
    CHECK(fx.content(b->result(), "/srv/app/conf/f.conf") == "c\n");
    CHECK(c.labels.at("where") == "/srv/app");
    CHECK(c.exposed_ports == std::vector<std::string>{"53/udp", "8080/tcp"});
    CHECK(c.user == "nobody");
    CHECK(step_named(*b, "EXPOSE").created_by == "EXPOSE map[53/udp:{} 8080/tcp:{}]");
}

// ---------------------------------------------------------------- config

TEST_CASE("CMD and ENTRYPOINT: shell form wraps with SHELL; ENTRYPOINT resets an inherited CMD") {
    BuildFx fx;
    auto b = fx.ok("FROM busybox\nENTRYPOINT [\"/bin/echo\"]\n");
    CHECK_FALSE(b->result().config.cmd.has_value());  // busybox's ["/bin/sh"] is dropped
    CHECK(b->result().config.entrypoint == std::vector<std::string>{"/bin/echo"});
    auto c = fx.ok("FROM busybox\nCMD [\"a\"]\nENTRYPOINT [\"/bin/echo\"]\n");
    CHECK(c->result().config.cmd == std::vector<std::string>{"a"});  // set in this stage: kept
    auto d = fx.ok("FROM busybox\nSHELL [\"/bin/sh\", \"-ec\"]\nCMD echo hi\n");
    CHECK(d->result().config.cmd == std::vector<std::string>{"/bin/sh", "-ec", "echo hi"});
    CHECK(step_named(*d, "CMD").created_by == "CMD [\"/bin/sh\" \"-ec\" \"echo hi\"]");
    CHECK(step_named(*d, "SHELL").created_by == "SHELL [/bin/sh -ec]");
}

TEST_CASE("metadata instructions make empty_layer history entries in BuildKit's words") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox\nLABEL a=b \"c d\"=e\nVOLUME /data\nSTOPSIGNAL SIGINT\nUSER nobody\n"
        "HEALTHCHECK --interval=30s --retries=3 CMD true\nMAINTAINER me\nONBUILD RUN echo later\n");
    const Image& img = b->result();
    CHECK(img.layer_count() == 1);
    std::vector<std::string> h = history_lines(img);
    REQUIRE(h.size() == 7);  // base + 6 (ONBUILD writes none)
    CHECK(h[1] == "- LABEL a=b c d=e");
    CHECK(h[2] == "- VOLUME [/data]");
    CHECK(h[3] == "- STOPSIGNAL SIGINT");
    CHECK(h[4] == "- USER nobody");
    CHECK(h[5] ==
          "- HEALTHCHECK {Test:[CMD-SHELL true] Interval:30s Timeout:0s StartPeriod:0s StartInterval:0s Retries:3}");
    CHECK(h[6] == "- MAINTAINER me");
    CHECK(img.history[1].comment == "buildkit.dockerfile.v0");
    CHECK(img.config.on_build == std::vector<std::string>{"RUN echo later"});
    CHECK(b->author() == "me");
    CHECK(step_named(*b, "LABEL").rule == "metadata instructions make no layer");
    CHECK(step_named(*b, "LABEL").narration.find("no layer") != std::string::npos);
}

TEST_CASE("FROM scratch is the empty image: WorkingDir / and PATH under BuildKit, no shell for RUN") {
    BuildFx fx;
    fx.file("hello", "x", 0755);
    auto b = fx.ok("FROM scratch\nCOPY hello /hello\n");
    CHECK(b->result().layer_count() == 1);
    CHECK(b->result().config.working_dir == "/");
    CHECK(b->result().config.env ==
          std::vector<std::string>{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"});
    Options o;
    o.flavor = Flavor::buildah;
    CHECK(fx.ok("FROM scratch\nCOPY hello /hello\n", o)->result().config.working_dir.empty());
    auto run = fx.build("FROM scratch\nRUN echo hi\n");
    REQUIRE(run->failed());
    CHECK(run->error()->message.find("exec: \"/bin/sh\": stat /bin/sh: no such file or directory") !=
          std::string::npos);
    CHECK(run->error()->where.str() == "Dockerfile:2:1");
}

TEST_CASE("ONBUILD triggers of a base stage run right after its FROM") {
    BuildFx fx;
    auto b = fx.ok("FROM busybox AS base\nONBUILD RUN echo triggered > /t\nFROM base\nRUN echo own > /o\n");
    const Step* found = nullptr;
    for (const Step& s : b->steps())
        if (s.onbuild) found = &s;
    REQUIRE(found);
    const Step& trig = *found;
    CHECK(trig.onbuild_text == "RUN echo triggered > /t");
    CHECK(trig.stage == 1);
    CHECK(trig.state == StepState::done);
    CHECK(fx.content(b->result(), "/t") == "triggered\n");
    CHECK(b->result().config.on_build.empty());  // triggers do not carry over
}

// ---------------------------------------------------------------- RUN

TEST_CASE("RUN: changes become the layer; a RUN that changes nothing makes none (BuildKit)") {
    BuildFx fx;
    auto b = fx.ok("FROM busybox\nRUN echo hi > /f\nRUN true\nRUN rm /f\n");
    const Image& img = b->result();
    CHECK(img.layer_count() == 3);  // base, /f, the whiteout
    CHECK(step_named(*b, "RUN true").empty_layer);
    CHECK(step_named(*b, "RUN true").rule == "a step that changes nothing makes no layer");
    CHECK(step_named(*b, "RUN echo hi").created_by == "RUN /bin/sh -c echo hi > /f # buildkit");
    CHECK(fx.at(img, "/f") == "-");
    const Step& rm = step_named(*b, "RUN rm");
    CHECK(rm.rule == "deleting in a later layer never shrinks the image");
    CHECK(rm.narration.find("/f") != std::string::npos);
    Options o;
    o.flavor = Flavor::buildah;
    auto h = fx.ok("FROM busybox\nRUN true\n", o);
    CHECK(h->result().layer_count() == 2);  // buildah keeps an empty layer
    CHECK(h->result().history.back().created_by == "/bin/sh -c true");
}

TEST_CASE("RUN: exec form runs without a shell; a failing command fails the build with its exit code") {
    BuildFx fx;
    auto b = fx.ok("FROM busybox\nRUN [\"touch\", \"/exec\"]\n");
    CHECK(fx.at(b->result(), "/exec").rfind("file", 0) == 0);
    CHECK(step_named(*b, "RUN [").created_by == "RUN touch /exec # buildkit");
    auto bad = fx.build("FROM busybox\nRUN echo before && exit 3\nRUN echo never\n");
    REQUIRE(bad->failed());
    CHECK(bad->error()->message == "process \"/bin/sh -c echo before && exit 3\" did not complete successfully: "
                                   "exit code: 3");  // no stderr: no cause to lead with
    CHECK(bad->steps()[1].output == "before\n");      // the output is on the step, printed once
    auto why = fx.build("FROM busybox\nRUN echo out; echo 'E: Unable to locate package x' >&2; exit 100\n");
    REQUIRE(why->failed());
    CHECK(why->error()->message ==
          "E: Unable to locate package x: process \"/bin/sh -c echo out; echo 'E: Unable to locate package x' >&2; "
          "exit 100\" did not complete successfully: exit code: 100");
    auto lng = fx.build("FROM busybox\nRUN nosuch " + std::string(200, 'x') + "\n");
    REQUIRE(lng->failed());
    CHECK(lng->error()->message.rfind("nosuch: not found in this image's $PATH (a real build fails the same way): "
                                      "process \"/bin/sh -c nosuch xxx",
                                      0) == 0);
    CHECK(lng->error()->message.find(std::string(120, 'x')) == std::string::npos);  // the command cut to ~100
    CHECK(lng->steps()[1].notes.size() == 1);                                      // the note is on the step
    CHECK(bad->error()->where.str() == "Dockerfile:2:1");
    CHECK(bad->steps()[2].state == StepState::pending);
    CHECK(bad->finished());
}

TEST_CASE("RUN heredocs: the body is the script; a shebang script runs from /dev/pipes") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox\nRUN <<EOF\nmkdir -p /etc/app\necho configured > /etc/app/state\nEOF\n"
        "RUN <<EOF\n#!/bin/sh\necho from-script > /script-out\nEOF\n"
        "RUN cat > /list <<EOT\nfirst\nsecond\nEOT\n");
    CHECK(fx.content(b->result(), "/etc/app/state") == "configured\n");
    CHECK(fx.content(b->result(), "/script-out") == "from-script\n");
    CHECK(fx.at(b->result(), "/dev/pipes") == "-");
    CHECK(fx.content(b->result(), "/list") == "first\nsecond\n");
    CHECK(b->steps()[1].created_by ==
          "RUN /bin/sh -c mkdir -p /etc/app\necho configured > /etc/app/state\n # buildkit");
    CHECK(b->steps()[2].created_by == "RUN /bin/sh -c /dev/pipes/EOF # buildkit");
}

TEST_CASE("RUN --mount=type=cache keeps what is written under the target out of the layer") {
    BuildFx fx;
    auto b = fx.ok(
        "FROM busybox\nRUN --mount=type=cache,target=/root/.cache echo x > /root/.cache/junk && echo y > /kept\n");
    CHECK(fx.at(b->result(), "/root/.cache/junk") == "-");
    CHECK(fx.content(b->result(), "/kept") == "y\n");
    CHECK_FALSE(step_named(*b, "RUN").notes.empty());
}

TEST_CASE("RUN --mount=type=bind shows a context file for one step; its mount point leaves no trace") {
    BuildFx fx;
    fx.file("req.txt", "flask\n");
    auto b =
        fx.ok("FROM busybox\nRUN --mount=type=bind,source=req.txt,target=/mnt/in/req.txt cat /mnt/in/req.txt > /out\n");
    CHECK(fx.content(b->result(), "/out") == "flask\n");
    CHECK(fx.at(b->result(), "/mnt") == "-");  // the stub directories are removed again
    const Step& run = step_named(*b, "RUN");
    REQUIRE(run.layer);
    CHECK(run.layer->entries().size() == 1);
}

TEST_CASE("COPY --parents keeps the path below the pivot; --exclude skips matching paths") {
    BuildFx fx;
    fx.file("src/a/x.py", "x");
    fx.file("src/a/notes.md", "n");
    fx.file("src/b/y.py", "y");
    auto b = fx.ok("FROM busybox\nCOPY --parents src/./*/*.py /par/\nCOPY --exclude=*.md src/a /ex/\n");
    CHECK(fx.content(b->result(), "/par/a/x.py") == "x");
    CHECK(fx.content(b->result(), "/par/b/y.py") == "y");
    CHECK(fx.at(b->result(), "/par/src") == "-");
    CHECK(fx.content(b->result(), "/ex/x.py") == "x");
    CHECK(fx.at(b->result(), "/ex/notes.md") == "-");
}

TEST_CASE("USER is checked only when a step runs as it") {
    BuildFx fx;
    auto b = fx.build("FROM busybox\nUSER nosuch\nENV A=1\nRUN echo hi\n");
    REQUIRE(b->failed());
    CHECK(step_named(*b, "ENV").state == StepState::done);
    CHECK(b->error()->message == "unable to find user nosuch: no matching entries in passwd file");
    CHECK(b->error()->where.str() == "Dockerfile:4:1");
}

TEST_CASE("WORKDIR: BuildKit creates it, owned by USER, as a layer; buildah leaves it to the next RUN") {
    BuildFx fx;
    auto b = fx.ok("FROM busybox\nUSER nobody\nWORKDIR /home/nobody/app\nWORKDIR /bin\n");
    CHECK(fx.at(b->result(), "/home/nobody/app") == "dir 0755 65534:65534");
    CHECK_FALSE(step_named(*b, "WORKDIR /home").empty_layer);
    CHECK(step_named(*b, "WORKDIR /bin").empty_layer);  // it existed: nothing changed
    CHECK(step_named(*b, "WORKDIR /home").created_by == "WORKDIR /home/nobody/app");
    Options o;
    o.flavor = Flavor::buildah;
    auto h = fx.ok("FROM busybox\nWORKDIR /w\n", o);
    CHECK(fx.at(h->result(), "/w") == "-");
    CHECK(h->result().layer_count() == 1);
}

// ---------------------------------------------------------------- stages

TEST_CASE("stages: only what the target needs is built; COPY --from by name and index") {
    BuildFx fx;
    Options o;
    o.target = "final";
    auto b = fx.ok(
        "FROM busybox AS build\nRUN echo built > /app\n"
        "FROM busybox AS unused\nRUN echo no > /no\n"
        "FROM busybox AS final\nCOPY --from=build /app /usr/bin/app\nCOPY --from=0 /app /again\n"
        "FROM final AS after\nRUN echo after > /after\n",
        o);
    CHECK(b->target_stage() == 2);
    CHECK(fx.content(b->result(), "/usr/bin/app") == "built\n");
    CHECK(fx.content(b->result(), "/again") == "built\n");
    CHECK(fx.at(b->result(), "/no") == "-");
    CHECK(step_named(*b, "/no").state == StepState::skipped);
    CHECK(step_named(*b, "after").state == StepState::skipped);
    CHECK(step_named(*b, "RUN echo built").title == "[build 2/2] RUN echo built > /app");
    CHECK(b->result().history.size() == 3);  // busybox + two COPYs: the build stage's history stays there
}

TEST_CASE("stages: ARG values carry into a child stage under BuildKit, not under buildah") {
    BuildFx fx;
    const char* df = "FROM busybox AS base\nARG A=from-base\nFROM base\nRUN echo \"a=$A\" > /a\n";
    auto bk = fx.ok(df);
    CHECK(fx.content(bk->result(), "/a") == "a=from-base\n");
    CHECK(step_named(*bk, "RUN").created_by == "RUN |1 A=from-base /bin/sh -c echo \"a=$A\" > /a # buildkit");
    Options o;
    o.flavor = Flavor::buildah;
    auto bh = fx.ok(df, o);
    CHECK(fx.content(bh->result(), "/a") == "a=\n");
    CHECK(step_named(*bh, "RUN").created_by == "/bin/sh -c echo \"a=$A\" > /a");
}

TEST_CASE("VOLUME: a later RUN's writes inside it are kept by BuildKit, dropped by buildah and classic") {
    BuildFx fx;
    const char* df = "FROM busybox\nVOLUME /vol\nRUN mkdir -p /vol && echo x > /vol/x && echo y > /y\n";
    CHECK(fx.content(fx.ok(df)->result(), "/vol/x") == "x\n");
    for (Flavor f : {Flavor::buildah, Flavor::classic}) {
        Options o;
        o.flavor = f;
        auto b = fx.ok(df, o);
        CHECK(fx.at(b->result(), "/vol") == "-");
        CHECK(fx.content(b->result(), "/y") == "y\n");
        CHECK_FALSE(step_named(*b, "RUN").notes.empty());
    }
}

TEST_CASE("stages: the classic builder builds every stage up to the target") {
    BuildFx fx;
    Options o;
    o.flavor = Flavor::classic;
    auto b = fx.ok("FROM busybox AS a\nRUN echo a > /a\nFROM busybox AS b\nRUN echo b > /b\n", o);
    CHECK(step_named(*b, "echo a").state == StepState::done);
}

TEST_CASE("errors carry the Dockerfile place: unknown base image, unknown target") {
    BuildFx fx;
    auto b = fx.build("FROM busybox\nRUN true\nFROM nosuchimage:1.0 AS x\n");
    REQUIRE(b->failed());
    CHECK(b->error()->where.str() == "Dockerfile:3:6");
    CHECK(b->error()->message.find("nosuchimage:1.0") != std::string::npos);
    CHECK(b->error()->message.find("busybox") != std::string::npos);  // the known names
    Options o;
    o.target = "nope";
    auto t = fx.build("FROM busybox AS a\n", o);
    REQUIRE(t->failed());
    CHECK(t->error()->message.find("target stage \"nope\" could not be found") != std::string::npos);
    CHECK(t->steps().empty());
}

// ---------------------------------------------------------------- steps

TEST_CASE("step by step: the plan is visible first, each step keeps its image, going back is a lookup") {
    BuildFx fx;
    fx.file("a.txt", "a\n");
    auto df = dockerfile::parse("FROM busybox\nCOPY a.txt /a\nENV X=1\nRUN echo hi > /b\n");
    REQUIRE(df.ok());
    Builder b(fx.store, std::move(*df), fx.ctx, {}, fx.images, &fx.cache);
    REQUIRE(b.steps().size() == 4);
    for (const Step& s : b.steps()) CHECK(s.state == StepState::pending);
    CHECK(b.steps()[1].title == "[2/3] COPY a.txt /a");
    CHECK(b.steps()[2].title == "ENV X=1");
    CHECK(b.steps()[1].span.begin_line == 2);
    CHECK(b.next_step() == 0);
    auto r = b.step();
    REQUIRE(r.ok());
    CHECK(*r == 0);
    CHECK(b.next_step() == 1);
    CHECK_FALSE(b.finished());
    REQUIRE(b.run().ok());
    CHECK(b.finished());
    const auto& steps = b.steps();
    CHECK(steps[0].image.layer_count() == 1);
    CHECK(steps[1].image.layer_count() == 2);
    CHECK(steps[1].layer == steps[1].image.layers().back());
    CHECK(steps[2].image.layer_count() == 2);
    CHECK(steps[2].image.config.env_get("X"));
    CHECK_FALSE(steps[1].image.config.env_get("X"));  // an earlier step's image is untouched
    CHECK(steps[3].image.layer_count() == 3);
    CHECK(fx.at(steps[1].image, "/b") == "-");
    CHECK(steps[1].image.layers()[1] == steps[3].image.layers()[1]);  // layers are shared, never copied
    CHECK(steps[1].narration.find("COPY added 1 file") == 0);
    CHECK_FALSE(steps[3].events.empty());
    CHECK(b.stage_image(0) != nullptr);
}

TEST_CASE("step counter: a stage FROM scratch or FROM another stage counts only its own steps, never [2/1]") {
    BuildFx fx;
    fx.file("a.txt", "a\n");
    auto titles = [&](std::string_view text) {
        auto df = dockerfile::parse(text);
        REQUIRE(df.ok());
        Builder b(fx.store, std::move(*df), fx.ctx, {}, fx.images, &fx.cache);
        std::vector<std::string> t;
        for (const Step& s : b.steps()) t.push_back(s.title);
        return t;
    };
    CHECK(titles("FROM scratch\nCOPY a.txt /a\n") == std::vector<std::string>{"FROM scratch", "[1/1] COPY a.txt /a"});
    CHECK(titles("FROM busybox AS base\nRUN echo > /x\nFROM base\nCOPY a.txt /a\nENV A=1\nRUN echo hi\n") ==
          std::vector<std::string>{"[base 1/2] FROM busybox", "[base 2/2] RUN echo > /x", "FROM base",
                                   "[stage-1 1/2] COPY a.txt /a", "ENV A=1", "[stage-1 2/2] RUN echo hi"});
    CHECK(titles("FROM scratch\nENV A=1\n") == std::vector<std::string>{"FROM scratch", "ENV A=1"});
}
