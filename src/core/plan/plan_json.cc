#include "core/plan/plan_json.h"

#include "core/plan/plan_summary.h"
#include "core/plan/service_changes.h"
#include "core/plan/step_record.h"
#include "core/support/json_writer.h"
#include "core/support/sha256.h"

namespace pmr::plan {

std::string fingerprint_of(const HostRecord& record) {
    Sha256 hash;
    for (const auto& [path, digest] : record.file_digests) {
        hash.update(path);
        hash.update(std::string_view("\0", 1));
        hash.update(digest);
        hash.update(std::string_view("\0", 1));
    }
    hash.update("running");
    for (const std::string& directory : record.running) {
        hash.update(std::string_view("\0", 1));
        hash.update(directory);
    }
    return "sha256:" + hash.hex_digest();
}

std::string render_json(const Plan& plan, const PlanOrigin& origin) {
    const Summary summary = summarize(plan);
    JsonWriter json;
    json.begin_object()
        .key("format_version")
        .value(plan_format_version)
        .key("fingerprint")
        .value(origin.fingerprint)
        .key("host")
        .begin_object()
        .key("files")
        .begin_object();
    for (const auto& [path, digest] : origin.host.file_digests)
        json.key(path).value(digest);
    json.end_object().key("running").begin_array();
    for (const std::string& directory : origin.host.running)
        json.value(directory);
    json.end_array()
        .end_object()
        .key("changes")
        .value(!plan.empty())
        .key("summary")
        .begin_object()
        .key("create")
        .value(summary.create)
        .key("import")
        .value(summary.import)
        .key("change")
        .value(summary.change)
        .key("deport")
        .value(summary.deport)
        .key("destroy")
        .value(summary.destroy)
        .key("start")  // since 1.4, with the step kinds start and restart
        .value(summary.start)
        .key("stop")
        .value(summary.stop)
        .key("restart")
        .value(summary.restart)
        .key("refused")
        .value(summary.refused)
        .end_object();
    json.key("steps").begin_array();
    for (const Step& step : plan.steps) {
        json.begin_object()
            .key("kind")
            .value(to_string(step.kind))
            .key("symbol")
            .value(std::string(1, symbol(step.kind)))
            .key("instance")
            .value(step.instance)
            .key("config_directory")
            .value(step.config_directory)
            .key("changes")
            .begin_array();
        for (const Change& change : step.changes) {
            json.begin_object()
                .key("name")
                .value(change.name)
                .key("before")
                .value(change.before)
                .key("after")
                .value(change.after);
            if (const auto subject = service_subject(change)) {
                // Since 1.3: a master.cf change says which service, and which option of it.
                json.key("file").value("master.cf").key("service").value(subject->service);
                if (!subject->option.empty())
                    json.key("option").value(subject->option);
            }
            json.end_object();
        }
        json.end_array().key("operations").begin_array();
        for (const auto& operation : step.operations)
            json.value(lifecycle::describe(operation));
        json.end_array().key("digest").value(operations_digest(step)).end_object();
    }
    json.end_array().key("refusals").begin_array();
    for (const Refusal& refusal : plan.refusals) {
        json.begin_object()
            .key("instance")
            .value(refusal.instance)
            .key("config_directory")
            .value(refusal.config_directory)
            .key("reason")
            .value(refusal.reason)
            .end_object();
    }
    json.end_array().key("notes").begin_array();
    for (const std::string& note : plan.notes)
        json.value(note);
    json.end_array()
        .key("origin")
        .begin_object()
        .key("manifest_path")
        .value(origin.manifest_path)
        .key("manifest")
        .value(origin.manifest_text)
        .key("config_directory")
        .value(origin.config_directory)
        .end_object();
    json.end_object();
    return json.str() + "\n";
}

}  // namespace pmr::plan
