import DCMCPatterns

/// The keys each mapping of the language accepts (docs/language.md lists them for users).
enum DefinitionKeys {
  static let common = ["apiVersion", "kind", "id", "name", "description"]
  static let workgroup = common + ["members", "supervisors", "distribution", "service_level"]
  static let workgroupServiceLevel = ["answer_within", "target"]
  static let member = ["user", "skills", "capacity"]
  /// A workgroup's `distribution:` is the default of its tasks' mode and time-out; skill
  /// tiers are per task.
  static let workgroupDistribution = ["mode", "offer_timeout"]
  static let presence = common + ["not_ready", "wrap_up"]
  static let template = common + ["subject", "body"]
  static let customerProfile = common + ["fields", "reference", "phone_region"]
  static let field = ["id", "name", "type", "required", "values", "pattern", "description", "public"]
  static let caseType =
    common + [
      "reference", "calendar", "priority", "sla", "fields", "rules", "escalation", "stages", "notifications",
      "customer",
      "customer_status", "customer_next_step",
    ]
  static let customerMapping = CustomerMappingRule.keys
  static let customerStatus = CustomerStatusWords.statuses
  static let serviceLevel = ["within", "calendar", "warn", "pause_when_pending", "on_warn", "on_breach"]
  static let rule = ["when", "priority", "set", "target", "skill", "acknowledge"]
  /// The keys of a rule that change something; a rule needs one.
  static let ruleChanges = ["priority", "set", "target", "skill", "acknowledge"]
  static let escalation = ["target", "task", "levels"]
  static let escalationLevel = ["target", "task"]
  static let stage = ["id", "name", "tasks"]
  static let task = [
    "id", "name", "description", "kind", "start", "target", "ola", "priority", "outcomes", "fields", "distribution",
    "weight", "allow_claim",
  ]
  static let conditionalTarget = ["when", "to"]
  static let outcome = ["close", "start", "assign", "escalate", "stage", "pend", "set"]
  static let distribution = ["mode", "offer_timeout"] + skillTiers
  /// The keys of skills-based distribution: all three or none.
  static let skillTiers = ["skill", "tiers", "expand_after"]
  static let notification = ["on", "channel", "to", "template"]
  static let breachActions = ["escalate", "raise_priority", "reassign", "notify"]
  static let notifyAction = ["notify", "to"]
  static let scenario = common + ["case_type", "start", "steps"]
}
