// lesson.h: lessons as data, and the course a student works through.
//
// A lesson is a folder, assets/lessons/NN-name/ (README.md, "Lessons", has a
// complete example):
//
//   lesson.md         "# Title", optional `start: built` line, the text, "## Hints" (a "- " list)
//   goal.txt          the goal (goal.h): what the engine checks on the Lab
//   Dockerfile        the starting Dockerfile; every other file is its build context
//   solution/         what "show me" applies: Dockerfile, context/<path> (context files
//                     replaced or added before the build), edit/<path> (context files
//                     edited after the first build, then rebuilt), commands.sh (one
//                     command a line, typed into the container; @start, @commit and
//                     @select N are the Container tab's buttons)
//   wrong/            one wrong attempt of the same shape, with expect.txt: words the
//                     student must be told (tests check every lesson with it)
//
//   open(lab, "03-deltas") ── lab.load(Dockerfile, context) [run_to_end if `start: built`]
//   check(lab)             ── evaluate(goal, lab), once per lab.revision(); met ⇒ done
//   apply(lab, solution)   ── load, run to the end, edits (each rebuilt), commands
//
// The course keeps what the session needs around the Lab: which lesson is
// open, which are done (the page also keeps that in localStorage), and the
// documents the student had, for undo.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson/goal.h"
#include "core/lesson/quiz.h"

namespace ll::lab {
class Lab;
}

namespace ll::lesson {

using Files = std::map<std::string, std::string>;

// What "show me" applies, or a wrong attempt.
struct Attempt {
    bool has_dockerfile = false;
    std::string dockerfile;             // the Dockerfile to load (when has_dockerfile)
    Files files;                        // the whole build context to load with it
    Files edits;                        // context files edited after the first build
    std::vector<std::string> commands;  // typed into the container, in order
};

struct Lesson {
    std::string name;   // "03-deltas" (the folder)
    std::string title;  // lesson.md's "# " line
    std::string text;   // lesson.md without the title, the directives and the hints
    std::vector<std::string> hints;
    bool start_built = false;  // `start: built`: opening it builds to the end (the cache is warm)
    std::string dockerfile;    // the starting Dockerfile
    Files files;               // its build context (the Dockerfile included)
    std::string goal_text;     // goal.txt as written
    Goal goal;
    Attempt solution;
    Attempt wrong;
    std::string wrong_expect;  // words the wrong attempt's reasons contain
    Files folder;              // the folder's files as given (a lesson link carries them)
};

// Makes a lesson from the files of its folder. Errors name the file, line
// and column (goal.txt:3:7: unknown check "image.sise" ...).
Result<Lesson> make_lesson(std::string name, const Files& folder);

class Course {
public:
    // Adds (or replaces) a lesson from its folder's files.
    Status add(std::string name, const Files& folder);
    const std::vector<Lesson>& lessons() const { return m_lessons; }
    const Lesson* find(std::string_view name) const;

    // Loads the lesson's starting point into the Lab and opens it.
    Status open(lab::Lab& lab, std::string_view name);
    void close();
    const Lesson* current() const { return m_open < 0 ? nullptr : &m_lessons[size_t(m_open)]; }

    // The open lesson's goal on the Lab as it stands (recomputed when the
    // Lab's revision moved); a met goal marks the lesson done. Null when no
    // lesson is open.
    const GoalResult* check(const lab::Lab& lab) const;

    bool done(std::string_view name) const { return m_done.count(std::string(name)) != 0; }
    void set_done(const std::string& name) const { m_done.insert({name, true}); }
    size_t done_count() const { return m_done.size(); }

    // What "show me" does: applies `a` to the Lab as a student would.
    static void apply(lab::Lab& lab, const Attempt& a);

    // Undo: remember the document (Dockerfile and context) whenever it
    // changed (call it after every change; cheap when nothing changed), and
    // go back to the one before.
    void remember(const lab::Lab& lab);
    bool can_undo() const { return m_history.size() > 1; }
    bool undo(lab::Lab& lab);

    // Predict, then reveal (quiz.h): the session's questions, with or without a lesson open.
    Quiz& quiz() { return m_quiz; }
    const Quiz& quiz() const { return m_quiz; }

private:
    Quiz m_quiz;
    struct Snapshot {
        std::string text;
        Files files;
        bool built = false;  // the build had run to the end
    };
    std::vector<Lesson> m_lessons;
    int m_open = -1;
    // check() keeps its answer per Lab revision, and a met goal marks the lesson done
    mutable std::map<std::string, bool> m_done;
    mutable uint64_t m_checked_revision = 0;
    mutable GoalResult m_result;
    std::vector<Snapshot> m_history;
    uint64_t m_remembered_doc = 0;
};

}  // namespace ll::lesson
