// The build engine at scale (issue 9): the number of layers Docker accepts,
// and memory that grows linearly with the number of steps.
#include "test_build_fixture.h"

using namespace ll;
using namespace ll::build;
using ll::test::BuildFx;

namespace {

// "FROM busybox" + `n` COPY lines, each adding one file (one layer each).
std::string copies(BuildFx& fx, size_t n) {
    std::string text = "FROM busybox\n";
    for (size_t i = 0; i < n; ++i) {
        fx.file("f" + std::to_string(i), std::to_string(i) + "\n");
        text += "COPY f" + std::to_string(i) + " /f" + std::to_string(i) + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("the number of layers: the step that would make layer 126 fails with Docker's max depth exceeded") {
    BuildFx fx;
    const size_t base_layers = fx.images.find("busybox")->layer_count();
    const size_t ok_copies = 125 - base_layers;  // moby's layer store takes 125 layers
    SUBCASE("125 layers build") {
        auto b = fx.ok(copies(fx, ok_copies));
        CHECK(b->result().layer_count() == 125);
    }
    SUBCASE("126 do not, at the line of the step that makes layer 126") {
        auto b = fx.build(copies(fx, ok_copies + 1));
        REQUIRE(b->failed());
        const Error& e = *b->error();
        CHECK(e.where.line == 1 + ok_copies + 1);  // FROM is line 1
        CHECK(e.message.find("max depth exceeded") == 0);
        CHECK(e.message.find("125") != std::string::npos);
        const Step& failed = b->steps().back();
        CHECK(failed.state == StepState::failed);
        CHECK(failed.rule.find("125") != std::string::npos);
    }
    SUBCASE("steps that make no layer do not count") {
        std::string text = copies(fx, ok_copies);
        text += "RUN true\nENV A=1\n";  // BuildKit drops the empty RUN layer
        auto b = fx.ok(text);
        CHECK(b->result().layer_count() == 125);
    }
    SUBCASE("a cached layer counts the same") {
        std::string text = copies(fx, ok_copies + 1);
        (void)fx.build(text);
        auto again = fx.build(text);
        REQUIRE(again->failed());
        CHECK(again->error()->message.find("max depth exceeded") == 0);
    }
    SUBCASE("buildah (containers/storage) stacks up to 500 lower layers") {
        Options o;
        o.flavor = Flavor::buildah;
        auto b = fx.ok(copies(fx, ok_copies + 10), o);
        CHECK(b->result().layer_count() == 135);
    }
}

TEST_CASE("SharedVec: copies share their prefix; a change to one never shows in another") {
    SharedVec<std::string> a{"A=1", "B=2"};
    SharedVec<std::string> b = a;
    CHECK(b.shares_buffer(a));
    const std::string& first = a[0];
    b.push_back("C=3");  // appended in place: a keeps reading its two
    CHECK(b.shares_buffer(a));
    CHECK(a == std::vector<std::string>{"A=1", "B=2"});
    CHECK(b == std::vector<std::string>{"A=1", "B=2", "C=3"});
    a.push_back("D=4");  // past a's end is b's C=3: a copies
    CHECK_FALSE(a.shares_buffer(b));
    CHECK(a == std::vector<std::string>{"A=1", "B=2", "D=4"});
    CHECK(b == std::vector<std::string>{"A=1", "B=2", "C=3"});
    CHECK(first == "A=1");  // still valid: the deque never moved it
    SharedVec<std::string> c = b;
    c.mut(0) = "A=9";  // a shared element: c copies first
    CHECK(b[0] == "A=1");
    CHECK(c[0] == "A=9");
    CHECK(c.erase_if([](const std::string& e) { return e == "nothing"; }) == 0);
    SharedVec<std::string> d = b;
    CHECK(d.erase_if([](const std::string& e) { return e.rfind("B=", 0) == 0; }) == 1);
    CHECK(d == std::vector<std::string>{"A=1", "C=3"});
    CHECK(b == std::vector<std::string>{"A=1", "B=2", "C=3"});
    d.pop_back();
    d.push_back("E=5");
    CHECK(d == std::vector<std::string>{"A=1", "E=5"});
    CHECK(std::vector<std::string>(b) == std::vector<std::string>{"A=1", "B=2", "C=3"});
    CHECK(std::find(b.begin(), b.end(), "B=2") - b.begin() == 1);
}

TEST_CASE("memory grows linearly with the number of steps: every step's image shares one history and one env") {
    // 999 ENV lines, the most a Dockerfile may have after its FROM: each
    // step keeps its image (Step::image), and each image once held its own
    // copy of the history and the env (n^2/2 lines: ~230 MB under ASan).
    // scripts/bench prints the heap this takes.
    BuildFx fx;
    std::string text = "FROM busybox\n";
    for (int i = 0; i < 999; ++i) text += "ENV V" + std::to_string(i) + "=" + std::to_string(i) + "\n";
    auto b = fx.ok(text);
    const auto& steps = b->steps();
    REQUIRE(steps.size() == 1000);
    const Image& last = b->result();
    CHECK(last.config.env.size() == 1000);  // PATH + 999
    CHECK(last.history.size() == fx.images.find("busybox")->history.size() + 999);
    size_t shared_history = 0, shared_env = 0;
    for (const Step& s : steps) {
        shared_history += s.image.history.shares_buffer(last.history);
        shared_env += s.image.config.env.shares_buffer(last.config.env);
    }
    CHECK(shared_history == steps.size());
    CHECK(shared_env == steps.size());
    // Each step's view is its own prefix.
    CHECK(steps[500].image.config.env.size() == 501);
    CHECK(steps[500].image.config.env.back() == "V499=499");
    CHECK(steps[500].image.history.back().created_by == last.history[steps[500].image.history.size() - 1].created_by);
}
