// test_lessons.cpp: lessons as data (core/lesson). The goal language parses
// and reports bad lines at their place; its checks say why in words; every
// lesson of assets/lessons/ is met by its solution run through the Lab, and
// its wrong attempt is not met, with the reason a student is told.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/host/xray.h"
#include "core/lab/api.h"
#include "core/lab/lab.h"
#include "core/lesson/goal.h"
#include "core/lesson/lesson.h"

using namespace ll;
using namespace ll::lesson;
using nlohmann::json;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::filesystem::path k_assets = std::filesystem::path(LAYERLAB_SOURCE_DIR) / "assets";

Files lesson_folder(const json& entry) {
    Files f;
    std::string name = entry.at("name").get<std::string>();
    for (const json& p : entry.at("files")) f[p.get<std::string>()] = slurp(k_assets / "lessons" / name / p.get<std::string>());
    return f;
}

// A Lab with the catalogs and every lesson, as the app has it.
lab::Lab& lesson_lab() {
    static lab::Lab* lab = [] {
        auto* l = new lab::Lab();
        for (const auto& e : std::filesystem::directory_iterator(k_assets / "catalog"))
            if (e.path().extension() == ".txt") l->add_catalog(e.path().filename().string(), slurp(e.path()));
        REQUIRE(l->finish_assets().ok());
        json index = json::parse(slurp(k_assets / "lessons" / "index.json"));
        for (const json& s : index.at("lessons")) {
            Status st = l->course().add(s.at("name").get<std::string>(), lesson_folder(s));
            REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().describe()));
        }
        return l;
    }();
    return *lab;
}

std::string reasons(const GoalResult& r) {
    std::string s;
    for (const PartResult& p : r.parts) s += std::string(p.met ? "  met: " : "  NOT met: ") + p.text + " -- " + p.reason + "\n";
    return s;
}

std::string parse_error(std::string_view goal) {
    Result<Goal> g = parse_goal(goal);
    return g ? std::string("(parsed)") : g.error().describe();
}

}  // namespace

TEST_CASE("goal language: each kind of check parses, with the words a student reads") {
    Result<Goal> g = parse_goal(
        "# a comment\n"
        "build.complete\n"
        "image.size <= 60MiB\n"
        "image.has /usr/bin/curl\n"
        "not image.has /usr/bin/gcc   -- the compiler stays behind\n"
        "build.cached >= 3\n"
        "container.copied_up < 1 MiB\n"
        "diff == \"C /app\\nA /app/x\"\n"
        "layers == 3\n"
        "step \"RUN npm ci\" cached\n"
        "layer.top.size >= 20MiB\n"
        "layer[0].has /etc/os-release\n"
        "container[1].file /etc/app.conf contains \"green\"\n"
        "image.env SITE_ROOT == \"/srv/www\"\n"
        "upper.opaque /app/cache\n");
    REQUIRE_MESSAGE(g.ok(), (g.ok() ? "" : g.error().describe()));
    const auto& p = g->parts;
    REQUIRE(p.size() == 14);
    CHECK(p[0].text == "the build runs to the end without an error");
    CHECK(p[1].text == "the image is at most 60 MiB");
    CHECK(p[1].check.number == 60ull << 20);
    CHECK(p[2].text == "the image has /usr/bin/curl");
    CHECK(p[3].negate);
    CHECK(p[3].text == "the compiler stays behind");
    CHECK(p[4].text == "at least 3 steps come from the cache");
    CHECK(p[5].text == "the container copied up less than 1 MiB");
    CHECK(p[6].check.text == "C /app\nA /app/x");
    CHECK(p[7].text == "the image has exactly 3 layers");
    CHECK(p[8].text == "the step RUN npm ci comes from the cache");
    CHECK(p[9].check.index == -1);
    CHECK(p[9].text == "the top layer is at least 20 MiB");
    CHECK(p[10].text == "the bottom layer holds /etc/os-release");
    CHECK(p[11].text == "/etc/app.conf in the 2nd container contains \"green\"");
    CHECK(p[12].text == "the image's config sets SITE_ROOT=/srv/www");
    CHECK(p[13].text == "the container's writable layer holds /app/cache as an opaque directory");
}

TEST_CASE("goal language: sizes in decimal and binary units, counts without") {
    uint64_t v = 0;
    bool bytes = false;
    CHECK((parse_quantity("60MiB", v, bytes) && v == 62914560 && bytes));
    CHECK((parse_quantity("1.5GB", v, bytes) && v == 1500000000));
    CHECK((parse_quantity("512B", v, bytes) && v == 512));
    CHECK((parse_quantity("3", v, bytes) && v == 3 && !bytes));
    CHECK_FALSE(parse_quantity("1.5", v, bytes));  // a count is whole
    CHECK_FALSE(parse_quantity("60mb", v, bytes));
    CHECK_FALSE(parse_quantity("-1", v, bytes));
}

TEST_CASE("goal language: a bad line is an error at its line and column, in words") {
    CHECK(parse_error("build.complete\nimage.sise <= 3MiB\n").rfind("goal.txt:2:1: error: unknown check \"image.sise\"", 0) == 0);
    CHECK(parse_error("image.size <= lots\n") ==
          "goal.txt:1:15: error: \"lots\" is not a number (a count, or a size such as 60MiB, 1.5GB, 512B)");
    CHECK(parse_error("layers == 3MiB\n") == "goal.txt:1:11: error: layers is a count: write it without a unit");
    CHECK(parse_error("image.has usr/bin\n") ==
          "goal.txt:1:11: error: image.has needs an absolute path, such as /usr/bin/curl");
    CHECK(parse_error("diff == \"C /app\n") == "goal.txt:1:9: error: this string has no closing \"");
    CHECK(parse_error("step \"RUN x\" fast\n") == "goal.txt:1:14: error: \"fast\": a step is cached, ran, layer or empty");
    CHECK(parse_error("layer.size > 1\n") ==
          "goal.txt:1:1: error: which layer? layer[0] is the bottom one, layer[-1] or layer.top the top one");
    CHECK(parse_error("image.size 3\n") == "goal.txt:1:12: error: \"3\" is not a comparison: use ==, !=, <, <=, > or >=");
    CHECK(parse_error("layers == 3 extra\n") == "goal.txt:1:13: error: unexpected \"extra\" at the end of this check");
    CHECK(parse_error("# nothing\n\n").find("the goal has no parts") != std::string::npos);
}

TEST_CASE("goal checks say why, with the figures, and a missing container is never met") {
    lab::Lab& lab = lesson_lab();
    lab.load("FROM busybox\nRUN echo hi > /hi.txt\nENV A=1\n", Files{});
    Goal g = parse_goal("build.complete\nlayers == 1\nnot container.has /hi.txt\nimage.size <= 1KiB\n").value();
    GoalResult r = evaluate(g, lab);
    CHECK_FALSE(r.met);
    CHECK(r.parts[0].reason == "the build has run 0 of 3 steps: press End (or Step) to run the rest");
    CHECK(r.parts[2].reason.find("no container runs") == 0);
    CHECK_FALSE(r.parts[2].met);  // `not` of something that is not there is not met
    lab.run_to_end();
    r = evaluate(g, lab);
    CHECK(r.parts[0].met);
    CHECK(r.parts[1].reason == "the image has 2 layers; the goal is exactly 1");
    CHECK(r.parts[3].reason.find("; the goal is at most 1 KiB") != std::string::npos);
    CHECK(r.parts[3].reason.rfind("the image is ", 0) == 0);
    lab.start_container();
    r = evaluate(g, lab);
    CHECK_FALSE(r.parts[2].met);
    CHECK(r.parts[2].reason == "the container sees /hi.txt");
}

TEST_CASE("goal checks on the host (xray.*): overlay2's directories, the mount's lowerdirs, the upperdir's files") {
    Result<Goal> words = parse_goal("xray.dirs >= 3\nxray.lowerdirs == 4\nxray.upper.has /a\n");
    REQUIRE(words.ok());
    CHECK(words->parts[0].text == "/var/lib/docker/overlay2/ holds at least 3 layer directories");
    CHECK(words->parts[1].text == "the container's overlay mount stacks exactly 4 lowerdirs");
    CHECK(words->parts[2].text == "the container's upperdir (overlay2/<mount-id>/diff/ on the host) has /a");
    CHECK(parse_error("xray.upper.has a\n") == "goal.txt:1:16: error: xray.upper.has needs an absolute path, such as /usr/bin/curl");
    CHECK(parse_error("xray[0].dirs == 1\n") == "goal.txt:1:1: error: xray takes no [N]");

    lab::Lab& lab = lesson_lab();
    lab.course().close();
    lab.load("FROM busybox\nRUN echo a > /a\nRUN echo b > /b\n", Files{});
    lab.run_to_end();
    REQUIRE(lab.image_at_cursor().layer_count() == 3);
    Goal g = parse_goal("xray.dirs == 3\nxray.lowerdirs == 4\nxray.upper.has /a\nxray.upper.has /b\n").value();
    GoalResult r = evaluate(g, lab);
    CHECK(r.parts[0].met);
    CHECK(r.parts[0].reason == "/var/lib/docker/overlay2/ holds 3 layer directories: 3 for the image's layers; the goal is exactly 3");
    CHECK_FALSE(r.parts[1].met);
    CHECK(r.parts[1].reason.rfind("no container runs", 0) == 0);

    lab.start_container();
    const std::string name = lab.container_state(0).name;
    r = evaluate(g, lab);
    CHECK_FALSE(r.parts[0].met);
    CHECK(r.parts[0].reason ==
          "/var/lib/docker/overlay2/ holds 5 layer directories: 3 for the image's layers, 2 for 1 container "
          "(each an -init layer and a writable layer); the goal is exactly 3");
    // the count is the mount line's: lowerdir= its -init layer's l/ link, then the image's, uppermost first
    const host::Xray x = host::lab_xray(lab);
    REQUIRE(x.containers.size() == 1);
    const std::string& line = x.containers[0].mount_line;
    const size_t lo = line.find("lowerdir=") + 9;
    const std::string lowerdir = line.substr(lo, line.find(',', lo) - lo);
    CHECK(std::count(lowerdir.begin(), lowerdir.end(), ':') + 1 == 4);
    CHECK(lowerdir.rfind("/var/lib/docker/overlay2/l/" + x.containers[0].init_link + ":", 0) == 0);
    CHECK(r.parts[1].met);
    CHECK(r.parts[1].reason == name + "'s overlay mount stacks 4 lowerdirs: its init layer, then the image's 3 layers, uppermost "
                                      "first (its lower file: l/" + x.containers[0].init_link + ":…); the goal is exactly 4");
    CHECK_FALSE(r.parts[2].met);
    CHECK(r.parts[2].reason.find("holds no /a: reading a lower file copies nothing up, the first write does") != std::string::npos);
    CHECK(r.parts[2].reason.rfind(name + "'s upperdir, overlay2/" + x.containers[0].mount_id.substr(0, 12), 0) == 0);

    // a write copies /a up (whole) into the upperdir; a delete leaves a whiteout there, not the file
    lab.exec("echo more >> /a");
    lab.exec("rm /b");
    r = evaluate(g, lab);
    CHECK(r.parts[2].met);
    CHECK(r.parts[2].reason.find("holds /a (7 B, the whole file)") != std::string::npos);
    CHECK_FALSE(r.parts[3].met);
    CHECK(r.parts[3].reason.find("holds a whiteout for /b (a 0/0 character device), not the file") != std::string::npos);

    // a container on the image from before a commit is not in the X-ray of the image at the cursor
    REQUIRE(lab.commit().ok());
    r = evaluate(g, lab);
    CHECK_FALSE(r.parts[1].met);
    CHECK(r.parts[1].reason.find("runs on the image from before a commit") != std::string::npos);
}

TEST_CASE("lessons index lists exactly the files of each lesson folder, in order") {
    json index = json::parse(slurp(k_assets / "lessons" / "index.json"));
    std::set<std::string> folders;
    for (const auto& e : std::filesystem::directory_iterator(k_assets / "lessons"))
        if (e.is_directory()) folders.insert(e.path().filename().string());
    std::set<std::string> listed;
    std::string prev;
    for (const json& s : index.at("lessons")) {
        std::string name = s.at("name").get<std::string>();
        CHECK(name > prev);
        prev = name;
        listed.insert(name);
        std::set<std::string> files, found;
        for (const json& f : s.at("files")) files.insert(f.get<std::string>());
        for (const auto& e : std::filesystem::recursive_directory_iterator(k_assets / "lessons" / name))
            if (e.is_regular_file()) found.insert(std::filesystem::relative(e.path(), k_assets / "lessons" / name).generic_string());
        CHECK_MESSAGE(files == found, "assets/lessons/index.json is out of date for " << name);
    }
    CHECK(listed == folders);
    CHECK(listed.size() >= 10);
}

TEST_CASE("every lesson: its solution meets the goal, its wrong attempt does not and says why") {
    lab::Lab& lab = lesson_lab();
    Course& course = lab.course();
    REQUIRE(course.lessons().size() >= 10);
    for (const Lesson& l : course.lessons()) {
        CAPTURE(l.name);
        CHECK(!l.hints.empty());
        CHECK(!l.text.empty());
        REQUIRE(course.open(lab, l.name).ok());
        const GoalResult* start = course.check(lab);
        REQUIRE(start);
        CHECK_MESSAGE(!start->met, l.name << ": the goal is met before the student did anything\n" << reasons(*start));

        Course::apply(lab, l.solution);
        const GoalResult* solved = course.check(lab);
        CHECK_MESSAGE(solved->met, l.name << ": the solution does not meet the goal\n" << reasons(*solved));
        CHECK(course.done(l.name));

        REQUIRE(course.open(lab, l.name).ok());
        Course::apply(lab, l.wrong);
        const GoalResult* wrong = course.check(lab);
        CHECK_MESSAGE(!wrong->met, l.name << ": the wrong attempt meets the goal\n" << reasons(*wrong));
        REQUIRE(!l.wrong_expect.empty());
        bool told = false;
        for (const PartResult& p : wrong->parts)
            if (!p.met && p.reason.find(l.wrong_expect) != std::string::npos) told = true;
        CHECK_MESSAGE(told, l.name << ": the wrong attempt is not told \"" << l.wrong_expect << "\"\n" << reasons(*wrong));
    }
    course.close();
}

TEST_CASE("lesson JS API: lessons, openLesson with the goal in state, lessonSolution, undo") {
    lab::Lab& lab = lesson_lab();
    json list = lab::call(lab, "lessons", json::object());
    REQUIRE(list.size() >= 10);
    CHECK(list[0].contains("done"));
    json st = lab::call(lab, "openLesson", {{"name", "01-one-layer-per-step"}});
    REQUIRE(st["lesson"].is_object());
    CHECK(st["lesson"]["name"] == "01-one-layer-per-step");
    CHECK(st["lesson"]["goal"]["met"] == false);
    CHECK(st["lesson"]["goal"]["parts"].size() == 6);
    json sol = lab::call(lab, "lessonSolution", json::object());
    CHECK(sol["dockerfile"].get<std::string>().find("COPY site/ /srv/www/") != std::string::npos);
    // what the page does with it: load, runToEnd (no edits or commands in this lesson)
    lab::call(lab, "load", {{"text", sol["dockerfile"]}, {"files", sol["files"]}});
    st = lab::call(lab, "runToEnd", json::object());
    CHECK(st["lesson"]["goal"]["met"] == true);
    CHECK(st["lesson"]["done"] == true);
    lab.course().remember(lab);
    st = lab::call(lab, "lessonUndo", json::object());
    CHECK(st["dockerfile"].get<std::string>().find("site/") == std::string::npos);
    CHECK(st["lesson"]["goal"]["met"] == false);
    CHECK_THROWS_AS(lab::call(lab, "openLesson", {{"name", "99-nothing"}}), lab::ApiError);
    json added = lab::call(lab, "addLesson", {{"name", "mine"},
                                              {"files",
                                               {{"lesson.md", "# Mine\n\nText.\n"},
                                                {"goal.txt", "layers == 1\n"},
                                                {"Dockerfile", "FROM busybox\n"}}}});
    CHECK(added["title"] == "Mine");
    try {
        lab::call(lab, "addLesson", {{"name", "bad"},
                                     {"files", {{"lesson.md", "# Bad\n"}, {"goal.txt", "layers = = 1\n"}, {"Dockerfile", "FROM busybox\n"}}}});
        FAIL("a bad goal was accepted");
    } catch (const lab::ApiError& e) {
        CHECK(std::string(e.what()).rfind("bad/goal.txt:1:10: error:", 0) == 0);
    }
    lab::call(lab, "closeLesson", json::object());
    CHECK(lab::state_json(lab)["lesson"].is_null());
}

// ---- predict, then reveal (core/lesson/quiz.h)

TEST_CASE("quiz: each kind of question is made from the Lab, revealed by the Lab, and checked") {
    lab::Lab& lab = lesson_lab();
    lab.course().close();
    lab.load("FROM busybox\nCOPY hello.txt /hello.txt\nENV GREETING=hi\nRUN echo more >> /hello.txt\n",
             Files{{"hello.txt", "hello\n"}});
    Quiz& z = lab.course().quiz();

    // at step 0 the next step is FROM: no adds_layer question, but its size can be asked
    CHECK_FALSE(make_question(lab, QuestionKind::adds_layer).ok());
    CHECK_FALSE(make_question(lab, QuestionKind::lookup_layer).ok());
    REQUIRE(z.ask(lab, QuestionKind::image_size).ok());
    CHECK(z.pending()->step == 0);
    Result<lesson::Verdict> v = z.answer(lab, Answer{.bytes = 1});
    REQUIRE(v.ok());
    CHECK_FALSE(v->correct);
    CHECK(lab.cursor() == 1);  // the step ran
    const uint64_t base = lab.image_at_cursor().size();
    CHECK(v->truth.bytes == base);
    CHECK(v->right.find(format_bytes(base)) == 0);

    // COPY adds a layer (yes is right), ENV adds none (yes is wrong)
    REQUIRE(z.ask_for_step(lab).ok());
    CHECK(z.pending()->kind == QuestionKind::adds_layer);  // step 1, a COPY: adds_layer (an even-numbered file step asks the size)
    v = z.answer(lab, Answer{.yes = true});
    REQUIRE(v.ok());
    CHECK(v->correct);
    CHECK(v->yours == "yes, a layer");
    REQUIRE(z.ask(lab, QuestionKind::adds_layer).ok());
    CHECK(z.pending()->prompt.find("ENV GREETING=hi") != std::string::npos);
    v = z.answer(lab, Answer{.yes = true});
    REQUIRE(v.ok());
    CHECK_FALSE(v->correct);
    CHECK(v->right == "no: it added no layer");
    // the RUN's size: within 20% is right
    REQUIRE(z.ask(lab, QuestionKind::image_size).ok());
    v = z.answer(lab, Answer{.bytes = base});
    REQUIRE(v.ok());
    CHECK(v->correct);
    CHECK(z.asked() == 4);
    CHECK(z.right() == 2);
    CHECK(lab.at_end());
    CHECK_FALSE(make_question(lab, QuestionKind::image_size).ok());

    // lookup: /hello.txt is in two of the Dockerfile's layers; the top one wins
    REQUIRE(z.ask(lab, QuestionKind::lookup_layer).ok());
    CHECK(z.pending()->path == "/hello.txt");
    const uint32_t top = uint32_t(lab.layers().size() - 1);
    v = z.answer(lab, Answer{.layer = top - 1});
    REQUIRE(v.ok());
    CHECK_FALSE(v->correct);
    CHECK(v->truth.layer == top);
    CHECK(v->right.find("layer " + std::to_string(top)) == 0);

    // copy-up: appending 7 bytes copies the whole file up
    REQUIRE(z.ask(lab, QuestionKind::copy_up_bytes).ok());
    const Question q = *z.pending();
    CHECK(q.path.rfind("/etc/", 0) == 0);
    CHECK(q.before > 0);
    v = z.answer(lab, Answer{.bytes = 7});
    REQUIRE(v.ok());
    CHECK_FALSE(v->correct);
    CHECK(v->truth.bytes == q.before);
    CHECK(lab.container_count() == 1);
    // the same question again (a new container) answered with the file's size
    REQUIRE(z.ask(lab, QuestionKind::copy_up_bytes).ok());
    CHECK(z.pending()->prompt == q.prompt);
    v = z.answer(lab, Answer{.bytes = q.before + q.before / 20});  // within 10%
    REQUIRE(v.ok());
    CHECK(v->correct);

    // docker diff: a changed file, a deleted one, a new directory
    REQUIRE(z.ask(lab, QuestionKind::docker_diff).ok());
    const Question d = *z.pending();
    CHECK(std::find(d.diff_paths.begin(), d.diff_paths.end(), "/etc") != d.diff_paths.end());
    CHECK(std::find(d.diff_paths.begin(), d.diff_paths.end(), "/quiz/notes.txt") != d.diff_paths.end());
    v = z.answer(lab, Answer{.lines = {"A /quiz/notes.txt", "A /quiz"}});
    REQUIRE(v.ok());
    CHECK_FALSE(v->correct);
    const std::vector<std::string> truth = v->truth.lines;
    CHECK(std::find(truth.begin(), truth.end(), "C /etc") != truth.end());
    CHECK(std::find(truth.begin(), truth.end(), "C " + d.path) != truth.end());
    CHECK(std::find(truth.begin(), truth.end(), "A /quiz") != truth.end());
    CHECK(std::find(truth.begin(), truth.end(), "A /quiz/notes.txt") != truth.end());
    CHECK(std::count_if(truth.begin(), truth.end(), [](const std::string& l) { return l[0] == 'D'; }) == 1);
    for (const std::string& l : truth) CHECK(std::find(d.diff_paths.begin(), d.diff_paths.end(), l.substr(2)) != d.diff_paths.end());
    std::vector<std::string> reversed(truth.rbegin(), truth.rend());
    REQUIRE(z.ask(lab, QuestionKind::docker_diff).ok());
    CHECK(z.pending()->command == d.command);
    v = z.answer(lab, Answer{.lines = reversed});  // any order
    REQUIRE(v.ok());
    CHECK(v->correct);

    // a question the Lab moved past is refused, and quiz mode goes round the kinds that can be asked
    REQUIRE(z.ask(lab, QuestionKind::lookup_layer).ok());
    lab.back();
    CHECK_FALSE(z.answer(lab, Answer{}).ok());
    CHECK(z.pending() == nullptr);
    lab.reset();
    REQUIRE(z.ask_next(lab).ok());
    CHECK(z.pending()->kind == QuestionKind::image_size);  // at step 0 only the FROM's size can be asked
}

TEST_CASE("quiz: check() is pure: tolerances, docker diff lines in any order, the JS API's shapes") {
    Question q;
    q.kind = QuestionKind::image_size;
    q.tolerance = 0.2;
    CHECK(check(q, Answer{.bytes = 120}, Answer{.bytes = 100}).correct);
    CHECK(check(q, Answer{.bytes = 80}, Answer{.bytes = 100}).correct);
    CHECK_FALSE(check(q, Answer{.bytes = 121}, Answer{.bytes = 100}).correct);
    CHECK_FALSE(check(q, Answer{.bytes = 1}, Answer{.bytes = 0}).correct);
    CHECK(check(q, Answer{.bytes = 0}, Answer{.bytes = 0}).correct);
    q.kind = QuestionKind::docker_diff;
    CHECK(normalized_lines({" C /etc/x ", "C /etc", "A /a", "C /etc"}) == std::vector<std::string>{"A /a", "C /etc", "C /etc/x"});
    CHECK(check(q, Answer{.lines = {"C /etc/x", "C /etc"}}, Answer{.lines = {"C /etc", "C /etc/x"}}).correct);
    CHECK_FALSE(check(q, Answer{.lines = {"C /etc"}}, Answer{.lines = {"C /etc", "C /etc/x"}}).correct);

    lab::Lab& lab = lesson_lab();
    lab.course().close();
    lab.load("FROM busybox\nRUN echo a > /a\n", Files{});
    json j = lab::call(lab, "question", {{"kind", "image_size"}});
    CHECK(j["kind"] == "image_size");
    CHECK(j["step"] == 0);
    CHECK_THROWS_AS(lab::call(lab, "answer", {{"yes", true}}), lab::ApiError);  // the wrong field for the kind
    json v = lab::call(lab, "answer", {{"bytes", 1}});
    CHECK(v["correct"] == false);
    CHECK(v["truth"]["bytes"].get<uint64_t>() == lab.image_at_cursor().size());
    CHECK_THROWS_AS(lab::call(lab, "question", {{"kind", "colour"}}), lab::ApiError);
    json s = lab::call(lab, "setQuiz", {{"ask_before_step", true}});
    CHECK(s["ask_before_step"] == true);
    CHECK(s["last"]["verdict"]["kind"] == "image_size");
    lab::call(lab, "setQuiz", {{"ask_before_step", false}});
}
