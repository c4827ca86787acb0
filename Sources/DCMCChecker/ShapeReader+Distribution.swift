import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  /// A task's `distribution:`: `mode` and `offer_timeout`, each optional, and the skill tiers
  /// (`skill`, `tiers`, `expand_after`), all three or none. Skill tiers that fail their check
  /// are left out; the mode and time-out are read all the same.
  mutating func taskDistribution(_ node: Node) -> (tiers: Distribution?, dispatch: Dispatch)? {
    guard let view = mapping(node, allowed: DefinitionKeys.distribution, subject: "'distribution'") else { return nil }
    let dispatch = self.dispatch(view)
    guard DefinitionKeys.skillTiers.contains(where: { view.value($0) != nil }) else { return (nil, dispatch) }
    return (skillTiers(view), dispatch)
  }

  /// A workgroup's `distribution:`: the default `mode` and `offer_timeout` of its tasks.
  mutating func workgroupDistribution(_ node: Node) -> Dispatch? {
    let subject = "the 'distribution' of a workgroup"
    return mapping(node, allowed: DefinitionKeys.workgroupDistribution, subject: subject).map { dispatch($0) }
  }

  private mutating func dispatch(_ view: MappingView) -> Dispatch {
    Dispatch(
      mode: view.value("mode").flatMap { choice($0, DistributionMode.self, for: "distribution mode") },
      offerTimeout: view.value("offer_timeout").flatMap {
        clockDuration($0, in: Dispatch.offerTimeoutSeconds, for: "'offer_timeout'")
      })
  }

  private mutating func skillTiers(_ view: MappingView) -> Distribution? {
    guard let skill = reference(view, "skill", required: true), let tiersNode = required(view, "tiers"),
      let expandNode = required(view, "expand_after"), let items = nonEmptyList(tiersNode, for: "'tiers'")
    else { return nil }
    let tiers = each(items) { $0.integer($1, in: 0...100, for: "a tier") }
    guard tiers.count == items.count, let expandAfter = duration(expandNode, for: "'expand_after'") else {
      return nil
    }
    for (previous, tier) in zip(tiers, tiers.dropFirst()) where tier.value >= previous.value {
      report(
        Diagnostic(
          .invalidDistribution, "tiers must go down, but \(tier.value) follows \(previous.value)", at: tier.range,
          help: "list the proficiency levels from the highest to the lowest, like [80, 60, 40]"))
      return nil
    }
    return Distribution(skill: skill, tiers: tiers, expandAfter: expandAfter)
  }

  /// A duration of clock time an advisor waits through (`offer_timeout`, `wrap_up`): seconds
  /// allowed (`30s`), `1d` is 24 hours; zero or negative is DC2011, outside `bounds` (in
  /// seconds) DC2021.
  mutating func clockDuration(_ node: Node, in bounds: ClosedRange<Int>, for what: @autoclosure () -> String)
    -> Located<Duration>?
  {
    guard let duration = duration(node, for: what(), allowsSeconds: true) else { return nil }
    guard bounds.contains(duration.value.totalSeconds(dayLength: 86_400)) else {
      let range = "\(Duration(seconds: bounds.lowerBound)) to \(Duration(seconds: bounds.upperBound))"
      report(
        Diagnostic(
          .durationOutOfRange, "\(what()) must be from \(range), found '\(duration.value)'", at: duration.range,
          help: "this is clock time; write it in seconds, minutes or hours, like '30s' or '2m'"))
      return nil
    }
    return duration
  }

  /// A plain whole number within `bounds`; one outside them (however many digits it has, or
  /// with a sign) is `code`, anything else DC2006.
  mutating func amount(
    _ node: Node, in bounds: ClosedRange<Int>, code: DiagnosticCode, for what: @autoclosure () -> String
  ) -> Located<Int>? {
    guard let scalar = node.plainScalar, Self.isWholeNumber(scalar.value) else {
      wrongType(node, expected: "a whole number", for: what())
      return nil
    }
    if let value = Int(scalar.value), bounds.contains(value) { return Located(value, at: node.range) }
    report(
      Diagnostic(
        code, "\(what()) must be from \(bounds.lowerBound) to \(bounds.upperBound), found \(scalar.value.prefix(24))",
        at: node.range))
    return nil
  }

  /// Digits, with an optional leading sign.
  private static func isWholeNumber(_ text: String) -> Bool {
    let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
