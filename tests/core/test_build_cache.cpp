// The build cache across two builds (one BuildCache, as the UI keeps it):
// keys chain step to step, COPY is keyed by file contents and metadata (not
// mtimes), RUN by its command; the first miss cascades to the end of the
// stage, and every step says why it hit or missed.
#include "test_build_fixture.h"

using namespace ll;
using namespace ll::build;
using ll::test::BuildFx;

namespace {

const char* k_dockerfile =
    "FROM busybox\n"
    "COPY requirements.txt /app/\n"
    "RUN cp /app/requirements.txt /app/installed.txt\n"
    "COPY app.py /app/\n"
    "RUN echo built > /app/build.txt\n"
    "CMD [\"run\"]\n";

std::vector<StepState> states(const Builder& b) {
    std::vector<StepState> out;
    for (const Step& s : b.steps()) out.push_back(s.state);
    return out;
}

constexpr StepState D = StepState::done, C = StepState::cached;

}  // namespace

TEST_CASE("cache: a second identical build hits every step") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n");
    fx.file("app.py", "print('hi')\n");
    auto first = fx.ok(k_dockerfile);
    CHECK(states(*first) == std::vector<StepState>{D, D, D, D, D, D});
    CHECK(first->steps()[1].cache_note.find("not in the cache yet") != std::string::npos);
    auto second = fx.ok(k_dockerfile);
    CHECK(states(*second) == std::vector<StepState>{C, C, C, C, C, D});  // CMD: config only
    CHECK(second->steps()[1].cache_note == "CACHED: same instruction and same file contents as last build");
    CHECK(second->steps()[2].cache_note.rfind("CACHED", 0) == 0);
    // the cached steps reuse the very same layers
    for (size_t i = 0; i < first->result().layer_count(); ++i)
        CHECK(first->result().layers()[i] == second->result().layers()[i]);
    CHECK(second->result().config.cmd == std::vector<std::string>{"run"});
}

TEST_CASE("cache: editing a late line rebuilds only from there") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n");
    fx.file("app.py", "print('hi')\n");
    fx.ok(k_dockerfile);
    std::string edited = k_dockerfile;
    edited.replace(edited.find("echo built"), 10, "echo rebuilt");
    auto b = fx.ok(edited);
    CHECK(states(*b) == std::vector<StepState>{C, C, C, C, D, D});
    CHECK(b->steps()[4].cache_note.find("the instruction changed") != std::string::npos);
    CHECK(fx.content(b->result(), "/app/build.txt") == "rebuilt\n");
}

TEST_CASE("cache: touching a file's mtime alone keeps the COPY cached") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n", 0644, 1000);
    fx.file("app.py", "print('hi')\n", 0644, 1000);
    fx.ok(k_dockerfile);
    fx.file("requirements.txt", "flask\n", 0644, 999999);  // touch: same bytes, new mtime
    fx.file("app.py", "print('hi')\n", 0644, 999999);
    auto b = fx.ok(k_dockerfile);
    CHECK(states(*b) == std::vector<StepState>{C, C, C, C, C, D});
}

TEST_CASE("cache: changing a file's contents misses at its COPY and cascades to the end of the stage") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n");
    fx.file("app.py", "print('hi')\n");
    fx.ok(k_dockerfile);
    fx.file("requirements.txt", "flask\nrequests\n");
    auto b = fx.ok(k_dockerfile);
    CHECK(states(*b) == std::vector<StepState>{C, D, D, D, D, D});
    const auto& s = b->steps();
    CHECK(s[1].cache_note ==
          "cache miss: requirements.txt changed since the last build (contents or metadata; mtimes do not count)");
    // every later step misses because the chain broke, even the unchanged COPY app.py
    CHECK(s[2].cache_note.find("[2/5] COPY requirements.txt /app/ missed") != std::string::npos);
    CHECK(s[3].cache_note.find("every later step of this stage runs again") != std::string::npos);
    CHECK(s[4].cache_note.find("the cache is a chain") != std::string::npos);
    CHECK(fx.content(b->result(), "/app/installed.txt") == "flask\nrequests\n");
}

TEST_CASE("cache: a mode change is a change even with the same bytes") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n");
    fx.file("app.py", "print('hi')\n");
    fx.ok(k_dockerfile);
    fx.file("app.py", "print('hi')\n", 0755);
    auto b = fx.ok(k_dockerfile);
    CHECK(states(*b) == std::vector<StepState>{C, C, C, D, D, D});
    CHECK(b->steps()[3].cache_note.find("app.py changed") != std::string::npos);
}

TEST_CASE("cache: RUN is keyed by its environment; a LABEL edit breaks the chain only for buildah") {
    BuildFx fx;
    const char* df = "FROM busybox\nLABEL v=1\nENV MODE=a\nRUN echo $MODE > /mode\n";
    fx.ok(df);
    std::string label_changed = df;
    label_changed.replace(label_changed.find("v=1"), 3, "v=2");
    auto b = fx.ok(label_changed);
    CHECK(b->steps()[3].state == StepState::cached);  // BuildKit: LABEL is not a cache step
    std::string env_changed = df;
    env_changed.replace(env_changed.find("MODE=a"), 6, "MODE=b");
    auto e = fx.ok(env_changed);
    CHECK(e->steps()[3].state == StepState::done);
    CHECK(e->steps()[3].cache_note.find("environment changed") != std::string::npos);
    CHECK(fx.content(e->result(), "/mode") == "b\n");

    Options o;
    o.flavor = Flavor::buildah;
    fx.ok(df, o);
    auto h = fx.ok(label_changed, o);
    CHECK(h->steps()[1].state == StepState::done);  // buildah: every instruction is a cache step
    CHECK(h->steps()[3].state == StepState::done);
}

TEST_CASE("cache: --no-cache runs every step and says so") {
    BuildFx fx;
    fx.file("requirements.txt", "flask\n");
    fx.file("app.py", "print('hi')\n");
    fx.ok(k_dockerfile);
    Options o;
    o.no_cache = true;
    auto b = fx.ok(k_dockerfile, o);
    CHECK(states(*b) == std::vector<StepState>{D, D, D, D, D, D});
    CHECK(b->steps()[2].cache_note == "--no-cache: every step runs");
}

TEST_CASE("cache: COPY --from is keyed by the copied content, so a rebuilt stage with the same output still hits") {
    BuildFx fx;
    const char* v1 =
        "FROM busybox AS build\nRUN echo built > /app\nFROM busybox\nCOPY --from=build /app /app\nRUN cat /app > "
        "/seen\n";
    const char* v2 =
        "FROM busybox AS build\nRUN echo built > /app && true\nFROM busybox\nCOPY --from=build /app /app\nRUN cat /app "
        "> /seen\n";
    const char* v3 =
        "FROM busybox AS build\nRUN echo changed > /app\nFROM busybox\nCOPY --from=build /app /app\nRUN cat /app > "
        "/seen\n";
    fx.ok(v1);
    auto b = fx.ok(v2);
    CHECK(b->steps()[1].state == StepState::done);    // the build stage's RUN changed: it runs
    CHECK(b->steps()[3].state == StepState::cached);  // same bytes come out: the COPY hits
    CHECK(b->steps()[4].state == StepState::cached);
    auto c = fx.ok(v3);
    CHECK(c->steps()[3].state == StepState::done);
    CHECK(c->steps()[3].cache_note.find("app changed") != std::string::npos);
    CHECK(c->steps()[4].state == StepState::done);
}
