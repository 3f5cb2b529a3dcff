// guides.json (办事指南) into gk::Content: materials, steps, fees, FAQ. Must not include SDL,
// ImGui, GL or curl.
#include "sync/feed_items.h"
#include "sync/feed_parser.h"

namespace gk {

namespace {

void fillMaterial(FieldReader& r, GuideMaterial& m) {
    r.text("name", m.name);
    r.text("form", m.form);
    r.integer("copies", m.copies);
    r.boolean("required", m.required);
    r.text("source", m.source);
    r.text("note", m.note);
    r.attachment("template", m.template_file);
}

void fillStep(FieldReader& r, GuideStep& s) {
    r.text("name", s.name);
    r.text("description", s.description);
    r.optInteger("days", s.days);
}

void fillFee(FieldReader& r, GuideFee& f) {
    r.text("name", f.name);
    r.textOrNumber("amount", f.amount); // portals write 10 as well as "10元"
    r.text("basis", f.basis);
}

void fillAnswer(FieldReader& r, QuestionAnswer& qa) {
    r.text("q", qa.q);
    r.text("a", qa.a);
}

void fillGuide(FieldReader& r, ServiceGuide& g) {
    r.text("name", g.name);
    const std::pair<const char*, std::string*> texts[] = {{"code", &g.code},
                                                          {"kind", &g.kind},
                                                          {"department", &g.department},
                                                          {"basis", &g.basis},
                                                          {"conditions", &g.conditions},
                                                          {"handling", &g.handling},
                                                          {"fee_note", &g.fee_note},
                                                          {"location", &g.location},
                                                          {"hours", &g.hours},
                                                          {"consult_phone", &g.consult_phone},
                                                          {"complaint_phone", &g.complaint_phone},
                                                          {"updated_at", &g.updated_at}};
    for (const auto& [key, target] : texts) {
        r.text(key, *target);
    }
    r.webUrl("online_url", g.online_url);
    r.webUrl("mobile_url", g.mobile_url);
    r.objectList<GuideMaterial>("materials", g.materials, fillMaterial);
    r.objectList<GuideStep>("steps", g.steps, fillStep);
    r.optInteger("legal_days", g.legal_days);
    r.optInteger("promised_days", g.promised_days);
    r.optInteger("visits", g.visits);
    r.optBoolean("online", g.online);
    r.objectList<GuideFee>("fees", g.fees, fillFee);
    r.objectList<QuestionAnswer>("faq", g.faq, fillAnswer);
}

} // namespace

bool parseGuides(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error) {
    static const CollectionSpec spec{"guides", "name"};
    return parseItems<ServiceGuide>(bytes, spec, limits, content.guides, content.guide_index, content.skipped,
                                    fillGuide, error);
}

} // namespace gk
