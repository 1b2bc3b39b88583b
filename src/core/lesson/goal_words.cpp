// goal_words.cpp: the words of goal parts (goal_words.h).
#include "core/lesson/goal_words.h"

#include <cctype>

namespace ll::lesson {

const char* op_words(Op op) {
    switch (op) {
    case Op::eq: return "exactly";
    case Op::ne: return "anything but";
    case Op::lt: return "less than";
    case Op::le: return "at most";
    case Op::gt: return "more than";
    case Op::ge: return "at least";
    case Op::none: break;
    }
    return "";
}

std::string quantity_text(const std::string& word) {
    size_t i = 0;
    while (i < word.size() && (std::isdigit(static_cast<unsigned char>(word[i])) || word[i] == '.')) ++i;
    if (i == word.size() || i == 0) return word;
    return word.substr(0, i) + " " + word.substr(i);
}

namespace {

std::string ordinal(int n) {
    const char* suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1) suffix = "st";
        if (n % 10 == 2) suffix = "nd";
        if (n % 10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

std::string fill(const char* pattern, const std::string& value) {
    std::string s = pattern;
    size_t at = s.find("{}");
    if (at != std::string::npos) s.replace(at, 2, value);
    return s;
}

}  // namespace

std::string object_words(const Check& c) {
    if (c.obj == Obj::container) {
        if (c.index == k_current) return "the container";
        if (c.index >= 0) return "the " + ordinal(c.index + 1) + " container";
        return c.index == -1 ? "the last container" : "the " + ordinal(-c.index) + " container from the end";
    }
    if (c.obj == Obj::layer) {
        if (c.index == -1) return "the top layer";
        if (c.index == 0) return "the bottom layer";
        if (c.index > 0) return "layer " + std::to_string(c.index) + " (counted from 0 at the bottom)";
        return "the " + ordinal(-c.index) + " layer from the top";
    }
    if (c.obj == Obj::base) return "the base image";
    if (c.obj == Obj::upper) return "the container's writable layer";
    if (c.obj == Obj::xray) return "the container's upperdir (overlay2/<mount-id>/diff/ on the host)";
    return "the image";
}

std::string number_sentence(const Check& c, const std::string& value, bool one) {
    std::string who = object_words(c);
    switch (c.prop) {
    case Prop::size:
        if (c.obj == Obj::container) return who + "'s writable layer holds " + value;
        return who + " is " + value;
    case Prop::layers: return who + (c.obj == Obj::base ? " brings " : " has ") + value + (one ? " layer" : " layers");
    case Prop::wasted: return "the image ships " + value + " that later layers hide (wasted)";
    case Prop::steps: return "the build has " + value + (one ? " step" : " steps");
    case Prop::cached: return fill(one ? "{} step comes from the cache" : "{} steps come from the cache", value);
    case Prop::ran: return fill(one ? "{} step ran (not from the cache)" : "{} steps ran (not from the cache)", value);
    case Prop::layer_steps: return fill(one ? "{} step makes a layer" : "{} steps make a layer", value);
    case Prop::empty_steps: return fill(one ? "{} step makes no layer" : "{} steps make no layer", value);
    case Prop::count:
        if (c.obj == Obj::commits) return fill(one ? "{} commit was made" : "{} commits were made", value);
        return fill(one ? "{} container runs" : "{} containers run", value);
    case Prop::copied_up: return who + " copied up " + value;
    case Prop::added: return who + " adds " + value + (one ? " path" : " paths");
    case Prop::modified: return who + " changes " + value + (one ? " path" : " paths") + " of the layers below";
    case Prop::deleted: return who + " deletes " + value + (one ? " path" : " paths") + " (whiteouts)";
    case Prop::xray_dirs:
        return fill(one ? "/var/lib/docker/overlay2/ holds {} layer directory" : "/var/lib/docker/overlay2/ holds {} layer directories",
                    value);
    case Prop::xray_lowerdirs:
        return fill(one ? "the container's overlay mount stacks {} lowerdir" : "the container's overlay mount stacks {} lowerdirs", value);
    default: break;
    }
    return who + ": " + value;
}

std::string describe(const Check& c, bool negate) {
    std::string who = object_words(c);
    switch (c.prop) {
    case Prop::complete:
        return negate ? "the build does not run to the end" : "the build runs to the end without an error";
    case Prop::has:
        if (c.obj == Obj::layer) return who + (negate ? " does not hold " : " holds ") + c.path;
        if (c.obj == Obj::container) return who + (negate ? " does not see " : " sees ") + c.path;
        return who + (negate ? " has no " : " has ") + c.path;
    case Prop::contains:
        return c.path + " in " + who + (negate ? " does not contain \"" : " contains \"") + c.text + "\"";
    case Prop::env:
        return "the image's config " + std::string(negate ? "does not set " : "sets ") + c.path +
               (c.has_text ? "=" + c.text : "");
    case Prop::step_cached:
        return "the step " + c.text + (negate ? " does not come from the cache" : " comes from the cache");
    case Prop::step_ran: return "the step " + c.text + (negate ? " does not run" : " runs (a cache miss)");
    case Prop::step_layer: return "the step " + c.text + (negate ? " makes no layer" : " makes a layer");
    case Prop::step_empty: return "the step " + c.text + (negate ? " makes a layer" : " makes no layer");
    case Prop::diff_equals: {
        std::string lines = c.text.empty() ? "(nothing)" : c.text;
        return std::string(negate ? "docker diff does not print exactly:\n" : "docker diff prints exactly:\n") + lines;
    }
    case Prop::diff_has: return std::string("docker diff ") + (negate ? "does not list \"" : "lists \"") + c.text + "\"";
    case Prop::whiteout:
        return who + (negate ? " has no whiteout for " : " has a whiteout for ") + c.path;
    case Prop::opaque:
        return who + (negate ? " does not hold " : " holds ") + c.path + " as an opaque directory";
    default: break;
    }
    std::string s = number_sentence(c, std::string(op_words(c.op)) + " " + c.number_text, c.op == Op::eq && c.number == 1);
    return negate ? "not so: " + s : s;
}

}  // namespace ll::lesson
