#include "core/plan/plan_json.h"

#include "core/plan/plan_summary.h"
#include "core/support/json_writer.h"

namespace pmr::plan {

std::string render_json(const Plan& plan, const PlanOrigin& origin) {
    const Summary summary = summarize(plan);
    JsonWriter json;
    json.begin_object()
        .key("format_version").value(plan_format_version)
        .key("fingerprint").value(origin.fingerprint)
        .key("changes").value(!plan.empty())
        .key("summary").begin_object()
            .key("create").value(summary.create)
            .key("import").value(summary.import)
            .key("change").value(summary.change)
            .key("deport").value(summary.deport)
            .key("destroy").value(summary.destroy)
            .key("refused").value(summary.refused)
        .end_object();
    json.key("steps").begin_array();
    for (const Step& step : plan.steps) {
        json.begin_object()
            .key("kind").value(to_string(step.kind))
            .key("symbol").value(std::string(1, symbol(step.kind)))
            .key("instance").value(step.instance)
            .key("config_directory").value(step.config_directory)
            .key("changes").begin_array();
        for (const Change& change : step.changes) {
            json.begin_object()
                .key("name").value(change.name)
                .key("before").value(change.before)
                .key("after").value(change.after)
                .end_object();
        }
        json.end_array().key("operations").begin_array();
        for (const auto& operation : step.operations) json.value(lifecycle::describe(operation));
        json.end_array().end_object();
    }
    json.end_array().key("refusals").begin_array();
    for (const Refusal& refusal : plan.refusals) {
        json.begin_object()
            .key("instance").value(refusal.instance)
            .key("config_directory").value(refusal.config_directory)
            .key("reason").value(refusal.reason)
            .end_object();
    }
    json.end_array()
        .key("origin").begin_object()
            .key("manifest_path").value(origin.manifest_path)
            .key("manifest").value(origin.manifest_text)
            .key("config_directory").value(origin.config_directory)
        .end_object();
    json.end_object();
    return json.str() + "\n";
}

}  // namespace pmr::plan
