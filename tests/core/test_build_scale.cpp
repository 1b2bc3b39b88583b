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
