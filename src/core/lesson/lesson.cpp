// lesson.cpp: lessons from their folders, and the course (lesson.h).
//
// Index of this file:
//   reading a folder: lines, read_markdown, read_attempt, make_lesson
//   the course:       Course::add, find, open, close, check, apply, remember, undo
#include "core/lesson/lesson.h"

#include <cstdlib>

#include "core/lab/lab.h"

namespace ll::lesson {

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        pos = nl + 1;
    }
    return out;
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// lesson.md: "# Title", then directive lines ("start: built"), the text,
// and "## Hints" with one "- " item a hint (an item may go on over
// indented lines).
Status read_markdown(Lesson& l, const std::string& md) {
    bool in_hints = false, in_head = true;
    uint32_t n = 0;
    for (const std::string& line : lines(md)) {
        ++n;
        if (l.title.empty()) {
            if (trim(line).empty()) continue;
            if (line.rfind("# ", 0) != 0)
                return make_error(Errc::syntax, "a lesson's text starts with its title: \"# Title\"",
                                  SourceLoc{"lesson.md", n, 1});
            l.title = trim(line.substr(2));
            continue;
        }
        if (in_head && line.rfind("start:", 0) == 0) {
            std::string v = trim(line.substr(6));
            if (v != "built" && v != "empty")
                return make_error(Errc::syntax, "start: is \"built\" (opening builds to the end) or \"empty\"",
                                  SourceLoc{"lesson.md", n, 8});
            l.start_built = v == "built";
            continue;
        }
        in_head = false;
        if (line.rfind("## ", 0) == 0) {
            in_hints = trim(line.substr(3)) == "Hints";
            if (in_hints) continue;
        }
        if (in_hints) {
            if (line.rfind("- ", 0) == 0) l.hints.push_back(trim(line.substr(2)));
            else if (!trim(line).empty() && !l.hints.empty()) l.hints.back() += " " + trim(line);
            continue;
        }
        l.text += line + "\n";
    }
    while (!l.text.empty() && (l.text.front() == '\n')) l.text.erase(0, 1);
    while (l.text.size() > 1 && l.text[l.text.size() - 1] == '\n' && l.text[l.text.size() - 2] == '\n') l.text.pop_back();
    if (l.title.empty()) return make_error(Errc::syntax, "lesson.md has no \"# Title\" line", SourceLoc{"lesson.md", 1, 1});
    return {};
}

// solution/ or wrong/: Dockerfile, context/<path>, edit/<path>, commands.sh
Attempt read_attempt(const Files& folder, const std::string& dir, const Lesson& l) {
    Attempt a;
    a.files = l.files;
    a.files.erase("Dockerfile");
    a.dockerfile = l.dockerfile;
    for (const auto& [path, text] : folder) {
        if (path.rfind(dir, 0) != 0) continue;
        std::string rest = path.substr(dir.size());
        if (rest == "Dockerfile") {
            a.dockerfile = text;
            a.has_dockerfile = true;
        } else if (rest.rfind("context/", 0) == 0) {
            a.files[rest.substr(8)] = text;
            a.has_dockerfile = true;  // a new context is loaded with the Dockerfile
        } else if (rest.rfind("edit/", 0) == 0) {
            a.edits[rest.substr(5)] = text;
        } else if (rest == "commands.sh") {
            for (const std::string& c : lines(text))
                if (!trim(c).empty() && trim(c)[0] != '#') a.commands.push_back(trim(c));
        }
    }
    return a;
}

}  // namespace

Result<Lesson> make_lesson(std::string name, const Files& folder) {
    Lesson l;
    l.name = std::move(name);
    l.folder = folder;
    auto md = folder.find("lesson.md");
    if (md == folder.end())
        return make_error(Errc::enoent, "the lesson " + l.name + " has no lesson.md", SourceLoc{l.name, 0, 0});
    if (Status s = read_markdown(l, md->second); !s) {
        Error e = s.error();
        e.where.file = l.name + "/" + e.where.file;
        return e;
    }
    auto goal = folder.find("goal.txt");
    if (goal == folder.end())
        return make_error(Errc::enoent, "the lesson " + l.name + " has no goal.txt", SourceLoc{l.name, 0, 0});
    l.goal_text = goal->second;
    Result<Goal> g = parse_goal(l.goal_text, l.name + "/goal.txt");
    if (!g) return g.error();
    l.goal = std::move(*g);
    auto df = folder.find("Dockerfile");
    if (df == folder.end())
        return make_error(Errc::enoent, "the lesson " + l.name + " has no Dockerfile", SourceLoc{l.name, 0, 0});
    l.dockerfile = df->second;
    for (const auto& [path, text] : folder) {
        if (path == "lesson.md" || path == "goal.txt" || path == "Dockerfile" || path.rfind("solution/", 0) == 0 ||
            path.rfind("wrong/", 0) == 0)
            continue;
        l.files[path] = text;
    }
    l.solution = read_attempt(folder, "solution/", l);
    l.wrong = read_attempt(folder, "wrong/", l);
    if (auto e = folder.find("wrong/expect.txt"); e != folder.end()) l.wrong_expect = trim(lines(e->second).empty() ? "" : lines(e->second)[0]);
    return l;
}

// ---------------------------------------------------------------- the course

Status Course::add(std::string name, const Files& folder) {
    Result<Lesson> l = make_lesson(name, folder);
    if (!l) return l.error();
    for (Lesson& k : m_lessons)
        if (k.name == name) {
            k = std::move(*l);
            m_checked_revision = 0;
            return {};
        }
    m_lessons.push_back(std::move(*l));
    return {};
}

const Lesson* Course::find(std::string_view name) const {
    for (const Lesson& l : m_lessons)
        if (l.name == name) return &l;
    return nullptr;
}

Status Course::open(lab::Lab& lab, std::string_view name) {
    int found = -1;
    for (size_t i = 0; i < m_lessons.size(); ++i)
        if (m_lessons[i].name == name) found = int(i);
    if (found < 0) {
        std::string known;
        for (const Lesson& l : m_lessons) known += (known.empty() ? "" : ", ") + l.name;
        return make_error(Errc::enoent, "no lesson named \"" + std::string(name) + "\" (lessons: " + known + ")");
    }
    m_open = found;
    const Lesson& l = m_lessons[size_t(found)];
    Files ctx = l.files;
    ctx.erase("Dockerfile");
    lab.load(l.dockerfile, std::move(ctx));
    if (l.start_built) lab.run_to_end();
    lab.narrate(lab::Narration::Kind::info, "Lesson \"" + l.title + "\": the goal is in the Lesson window; it turns green when met.");
    m_history.clear();
    m_remembered_doc = 0;
    remember(lab);
    m_checked_revision = 0;
    return {};
}

void Course::close() {
    m_open = -1;
    m_history.clear();
    m_remembered_doc = 0;
}

const GoalResult* Course::check(const lab::Lab& lab) const {
    const Lesson* l = current();
    if (!l) return nullptr;
    if (m_checked_revision != lab.revision()) {
        m_result = evaluate(l->goal, lab);
        m_checked_revision = lab.revision();
        if (m_result.met) set_done(l->name);
    }
    return &m_result;
}

void Course::apply(lab::Lab& lab, const Attempt& a) {
    if (a.has_dockerfile) lab.load(a.dockerfile, a.files);
    lab.run_to_end();
    for (const auto& [path, text] : a.edits) {
        lab.edit_file(path, text);
        lab.run_to_end();
    }
    for (const std::string& c : a.commands) {
        if (c == "@start") {
            lab.start_container();
        } else if (c == "@commit") {
            (void)lab.commit();
        } else if (c.rfind("@select ", 0) == 0) {
            size_t i = size_t(std::atoi(c.c_str() + 8));
            if (i < lab.container_count()) lab.select_container(i);
        } else {
            lab.exec(c);
        }
    }
}

void Course::remember(const lab::Lab& lab) {
    if (!current()) return;
    if (!m_history.empty()) m_history.back().built = lab.has_build() && lab.at_end();
    if (m_remembered_doc == lab.doc_revision()) return;
    m_remembered_doc = lab.doc_revision();
    if (!m_history.empty() && m_history.back().text == lab.text() && m_history.back().files == lab.files()) return;
    m_history.push_back({lab.text(), lab.files(), lab.has_build() && lab.at_end()});
    if (m_history.size() > 50) m_history.erase(m_history.begin());
}

bool Course::undo(lab::Lab& lab) {
    if (m_history.size() < 2) return false;
    m_history.pop_back();
    Snapshot s = m_history.back();
    lab.load(s.text, s.files);
    if (s.built) lab.run_to_end();
    m_remembered_doc = lab.doc_revision();
    lab.narrate(lab::Narration::Kind::info, "Undo: back to the Dockerfile and files you had before your last change.");
    return true;
}

}  // namespace ll::lesson
