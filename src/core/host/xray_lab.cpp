// xray_lab.cpp: the X-ray of a Lab (xray.h): the image at the cursor and the
// containers running on it; and its JSON for the JS API (`xray()`).
#include "core/container.h"
#include "core/host/xray.h"
#include "core/lab/lab.h"

namespace ll::host {

Xray lab_xray(const lab::Lab& lab, size_t max_files) {
    const Image& img = lab.image_at_cursor();
    std::vector<const Container*> cs;
    std::vector<std::string> names;
    for (size_t i = 0; i < lab.container_count(); ++i) {
        const lab::ContainerState& st = lab.container_state(i);
        if (st.image_layers != img.layer_count()) continue;  // runs on the image from before a commit
        cs.push_back(st.container.get());
        names.push_back(st.name);
    }
    return make_xray(img, cs, names, lab.store(), max_files);
}

nlohmann::json xray_json(const Xray& x) {
    nlohmann::json layers = nlohmann::json::array(), containers = nlohmann::json::array(), nodes = nlohmann::json::array();
    for (const XrayLayer& l : x.layers)
        layers.push_back({{"diff_id", l.diff_id.str()},
                          {"chain_id", l.chain_id.str()},
                          {"cache_id", l.cache_id},
                          {"link", l.link},
                          {"lower", l.lower},
                          {"size", l.size}});
    for (const XrayContainer& c : x.containers)
        containers.push_back({{"name", c.name},
                              {"id", c.id},
                              {"mount_id", c.mount_id},
                              {"init_link", c.init_link},
                              {"link", c.link},
                              {"lower", c.lower},
                              {"mount_line", c.mount_line},
                              {"upper_size", c.upper_size}});
    for (const XrayNode& n : x.nodes) {
        nlohmann::json j = {{"path", n.path}, {"type", std::string(1, n.type)}};
        if (!n.text.empty()) j["text"] = n.text;
        if (n.layer >= 0) j["layer"] = n.layer;
        if (n.container >= 0) j["container"] = n.container;
        nodes.push_back(std::move(j));
    }
    return {{"image_id", x.image_id}, {"layers", std::move(layers)}, {"containers", std::move(containers)},
            {"nodes", std::move(nodes)}};
}

}  // namespace ll::host
