#include "samples/sample_check.h"

#include <algorithm>
#include <set>

#include "config/glob.h"
#include "samples/api_sample_validator.h"
#include "samples/message_validator.h"
#include "samples/schema_validator.h"

namespace contract_lint {
namespace {

// What a sample names: a Protobuf message, or a schema reference (a path or
// an `$id`, resolved on each side separately since a file may move).
struct Target {
  ContractKind kind = ContractKind::kJsonSchema;
  std::string name;
};

// Both sides' validators.
struct SideValidators {
  SideValidators(const Snapshot& snapshot, const Config& config)
      : messages(snapshot, config.proto), schemas(snapshot, config.jsonschema), apis(snapshot) {}
  MessageValidator messages;
  SchemaValidator schemas;
  ApiSampleValidator apis;  // OpenAPI request and response bodies

  bool Knows(const Target& target, const std::string& sample_path, std::string* why = nullptr) {
    if (target.kind == ContractKind::kProto) return messages.Knows(target.name);
    if (target.kind == ContractKind::kOpenApi) return apis.Knows(target.name, why);
    return !schemas.Find(target.name, sample_path).empty();
  }
  SampleVerdict Validate(const Target& target, const Sample& sample, Diagnostics* diagnostics) {
    if (target.kind == ContractKind::kProto) return messages.Validate(target.name, sample);
    if (target.kind == ContractKind::kOpenApi)
      return apis.Validate(target.name, sample, diagnostics);
    std::string path = schemas.Find(target.name, sample.path);
    if (path.empty()) {
      SampleVerdict missing;
      missing.element = target.name;
      return missing;
    }
    return schemas.Validate(path, sample, diagnostics);
  }
};

bool LooksLikeSchema(std::string_view name) {
  return name.find('/') != std::string_view::npos || name.find(':') != std::string_view::npos ||
         (name.size() >= 5 && name.substr(name.size() - 5) == ".json");
}

// Resolves the contract a sample names (its own declaration first, then the
// consumer's `sample_contracts`); on failure adds a diagnostic naming what was tried.
bool ResolveTarget(const Config& config, size_t consumer_index, const Sample& sample,
                   const ConsumerSpec& consumer, SideValidators& current, SideValidators& against,
                   Target* target, Diagnostics* diagnostics) {
  std::vector<std::string> tried;
  auto known = [&](const Target& t) {
    return current.Knows(t, sample.path) || against.Knows(t, sample.path);
  };
  if (!sample.message.empty()) {
    *target = Target{ContractKind::kProto, sample.message};
    if (known(*target)) return true;
    std::string how = sample.format == SampleFormat::kJson ? "\"@type\"" : "\"# proto-message:\"";
    diagnostics->Add(sample.path, 1, 1,
                     "sample of consumer \"" + consumer.name + "\" names Protobuf message \"" +
                         sample.message + "\" (by " + how + "), which neither side declares");
    return false;
  }
  if (!sample.schema_ref.empty()) {
    *target = Target{ContractKind::kJsonSchema, sample.schema_ref};
    if (known(*target)) return true;
    tried.push_back("\"$schema\": \"" + sample.schema_ref +
                    "\" (no such schema file or $id on either side)");
  }
  for (const auto& [glob, name] : consumer.sample_contracts) {
    if (!GlobMatch(glob, sample.path)) continue;
    if (IsApiSampleTarget(name)) {
      // An OpenAPI body: an unresolvable target is the config's error, at its entry.
      *target = Target{ContractKind::kOpenApi, name};
      std::string why_now, why_then;
      if (current.Knows(*target, sample.path, &why_now) ||
          against.Knows(*target, sample.path, &why_then)) {
        return true;
      }
      std::string key =
          "consumers[" + std::to_string(consumer_index) + "].sample_contracts." + glob;
      int line = 0, column = 0;
      if (auto it = config.positions.find(key); it != config.positions.end()) {
        line = it->second.first;
        column = it->second.second;
      }
      diagnostics->Add(config.source, line, column,
                       key + ": \"" + name + "\" names no OpenAPI body on either side: " + why_now +
                           " (sample " + sample.path + " of consumer \"" + consumer.name + "\")");
      return false;
    }
    *target =
        Target{LooksLikeSchema(name) ? ContractKind::kJsonSchema : ContractKind::kProto, name};
    if (known(*target)) return true;
    tried.push_back("sample_contracts \"" + glob + "\": \"" + name + "\" (" +
                    (target->kind == ContractKind::kProto ? "no such Protobuf message"
                                                          : "no such schema file or $id") +
                    " on either side)");
    break;
  }
  std::string message = "sample of consumer \"" + consumer.name + "\" names no known contract: ";
  if (tried.empty()) {
    message +=
        "it has no \"$schema\", \"@type\" or \"# proto-message:\" line and no "
        "consumers[].sample_contracts entry matches it";
  } else {
    for (size_t i = 0; i < tried.size(); ++i) message += (i ? "; tried " : "tried ") + tried[i];
  }
  // Point at what named the contract: the "$schema" or "@type" value, else the file's start.
  int line = 1, column = 1;
  if (sample.format == SampleFormat::kJson) {
    for (const char* key : {"/$schema", "/@type"}) {
      if (!sample.positions.Contains(key)) continue;
      const TextSpan* span = sample.positions.Find(key);
      line = span->line;
      column = span->column;
      break;
    }
  }
  diagnostics->Add(sample.path, line, column, message);
  return false;
}

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

Finding SampleFinding(const Config& config, const ConsumerSpec& consumer, const Sample& sample,
                      const Target& target, const SampleVerdict& now, const SampleVerdict& before,
                      bool stale) {
  Finding f;
  f.rule = stale ? "SAMPLE_STALE" : "SAMPLE_REJECTED";
  f.severity = stale ? Severity::kWarning : Severity::kError;
  f.kind = target.kind;
  f.location.path = sample.path;
  f.location.line = f.location.end_line = now.line;
  f.location.column = f.location.end_column = now.column;
  f.subject = now.element;
  std::string reason = now.status == SampleVerdict::kMissing
                           ? (target.kind == ContractKind::kProto ? "the message" : "the schema") +
                                 std::string(" no longer exists")
                           : now.reason;
  if (stale) {
    f.message = "Sample " + Quote(sample.path) + " of consumer " + Quote(consumer.name) +
                " does not fit " + now.element + ": " + reason +
                " (it did not fit the baseline either: " + before.reason + "); update the sample.";
    f.before = "rejected: " + before.reason;
  } else {
    f.message = "Sample " + Quote(sample.path) + " of consumer " + Quote(consumer.name) +
                " is rejected by " + now.element + ": " + reason + " (" +
                (before.status == SampleVerdict::kMissing ? "the contract is new"
                 : before.status == SampleVerdict::kRejected
                     ? "new: the baseline rejected it only for " + before.reason
                     : "the baseline accepted it") +
                ").";
    f.before = before.status == SampleVerdict::kMissing    ? ""
               : before.status == SampleVerdict::kRejected ? "rejected: " + before.reason
                                                           : "accepted";
  }
  f.after = "rejected: " + reason;
  std::string declared = !now.contract_path.empty() ? now.contract_path : before.contract_path;
  if (const ContractSpec* contract = ContractFor(config, declared)) {
    f.contract = contract->name;
    f.owner = contract->owner;
  }
  f.affected = {consumer.name};
  f.exercised_by = {sample.path};
  return f;
}

}  // namespace

SampleResults CheckSamples(const Config& config, const Snapshot& against, const Snapshot& current,
                           Diagnostics* diagnostics, std::vector<Diagnostic>* warnings) {
  SampleResults results;
  SideValidators now(current, config);
  SideValidators then(against, config);
  std::map<std::string, bool> parsed;  // path -> parsed fine
  for (size_t c = 0; c < config.consumers.size(); ++c) {
    const ConsumerSpec& consumer = config.consumers[c];
    if (consumer.samples.empty()) continue;
    ConsumerSamples checked{consumer.name, {}, 0, 0};
    for (size_t g = 0; g < consumer.samples.size(); ++g) {
      const std::string& glob = consumer.samples[g];
      bool matched = false;
      for (const auto& file : current.Files()) {
        if (!GlobMatch(glob, file.path)) continue;
        matched = true;
        if (!parsed.count(file.path)) {
          auto sample = std::make_unique<Sample>();
          parsed[file.path] = LoadSample(current, file.path, sample.get(), diagnostics);
          results.samples[file.path] = std::move(sample);
        }
        if (!parsed[file.path]) continue;
        const Sample& sample = *results.samples[file.path];
        if (std::any_of(checked.samples.begin(), checked.samples.end(),
                        [&](const CheckedSample& s) { return s.sample == &sample; })) {
          continue;  // listed by two globs
        }
        Target target;
        if (!ResolveTarget(config, c, sample, consumer, now, then, &target, diagnostics)) continue;
        checked.samples.push_back(CheckedSample{&sample, target.kind, target.name});
        ++checked.checked;
        SampleVerdict verdict_now = now.Validate(target, sample, diagnostics);
        if (verdict_now.status == SampleVerdict::kAccepted) continue;
        SampleVerdict verdict_then = then.Validate(target, sample, diagnostics);
        if (verdict_now.status == SampleVerdict::kMissing && verdict_now.contract_path.empty() &&
            verdict_then.status == SampleVerdict::kMissing) {
          continue;  // could not be checked on either side: already diagnosed
        }
        bool stale = verdict_then.status == SampleVerdict::kRejected;
        if (stale && verdict_now.status == SampleVerdict::kRejected &&
            !verdict_now.errors.empty()) {
          // Stale only while the change rejects nothing the baseline did not:
          // an error the baseline did not have is a new rejection.
          std::set<std::string> before;
          for (const auto& e : verdict_then.errors) before.insert(e.reason);
          const SampleVerdict::Error* added = nullptr;
          for (const auto& e : verdict_now.errors) {
            if (before.count(e.reason)) continue;
            if (!added || e.depth > added->depth) added = &e;
          }
          if (added) {
            stale = false;
            verdict_now.reason = added->reason;
            verdict_now.element = added->element;
            verdict_now.line = added->line;
            verdict_now.column = added->column;
          }
        }
        if (!stale) ++checked.rejected;
        results.findings.push_back(
            SampleFinding(config, consumer, sample, target, verdict_now, verdict_then, stale));
      }
      if (!matched) {
        warnings->push_back(Diagnostic{config.source, 0, 0,
                                       "consumers[" + std::to_string(c) + "].samples[" +
                                           std::to_string(g) + "]: no file matches \"" + glob +
                                           "\""});
      }
    }
    results.consumers.push_back(std::move(checked));
  }
  return results;
}

void AddSampleImpact(const Config& config, const SampleResults& results,
                     std::vector<ConsumerImpact>* impacts) {
  std::vector<ConsumerImpact> ordered;
  for (const auto& consumer : config.consumers) {
    auto impact = std::find_if(impacts->begin(), impacts->end(),
                               [&](const ConsumerImpact& i) { return i.name == consumer.name; });
    auto samples =
        std::find_if(results.consumers.begin(), results.consumers.end(),
                     [&](const ConsumerSamples& s) { return s.consumer == consumer.name; });
    if (impact == impacts->end() && samples == results.consumers.end()) continue;
    ConsumerImpact entry;
    if (impact != impacts->end()) {
      entry = *impact;
    } else {
      entry.name = consumer.name;
      entry.owner = consumer.owner;
      entry.contact = consumer.contact;
      entry.source = consumer.source;
    }
    if (samples != results.consumers.end()) {
      entry.samples_checked = samples->checked;
      entry.samples_rejected = samples->rejected;
    }
    for (const auto& finding : results.findings) {
      if (finding.suppressed || finding.severity != Severity::kError) continue;
      if (std::find(finding.affected.begin(), finding.affected.end(), consumer.name) ==
          finding.affected.end()) {
        continue;
      }
      ++entry.breaking;
      if (std::find(entry.rules.begin(), entry.rules.end(), finding.rule) == entry.rules.end()) {
        entry.rules.push_back(finding.rule);
      }
    }
    std::sort(entry.rules.begin(), entry.rules.end());
    ordered.push_back(std::move(entry));
  }
  *impacts = std::move(ordered);
}

}  // namespace contract_lint
