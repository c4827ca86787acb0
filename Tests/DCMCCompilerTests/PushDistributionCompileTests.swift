import DCMCBundle
import DCMCModel
import Testing

/// Push distribution and presence compile into the bundle with their defaults applied where
/// the bundle can apply them (capacity, weight, claim, wrap-up), and as written where the
/// runtime merges task over workgroup (mode, offer time-out).
@Suite struct PushDistributionCompileTests {
  static let files = [
    (
      name: "push.yaml",
      text: """
        kind: Presence
        id: presence
        not_ready: [training, break]
        ---
        kind: Workgroup
        id: billing
        distribution: { mode: push, offer_timeout: 1m30s }
        members: [{ user: ann, capacity: 2 }, bob]
        ---
        kind: CaseType
        id: finance
        reference: "FIN-{seq:6}"
        stages:
          - id: handling
            tasks:
              - id: assess
                target: billing
                weight: 2
                allow_claim: true
                distribution: { offer_timeout: PT20S }
                outcomes:
                  more: { start: review }
              - id: review
                target: billing
                distribution: { mode: pull }
                outcomes:
                  done: { close: resolved }
        """
    )
  ]

  @Test func theSettingsCompileAsWrittenAndTheDefaultsAreApplied() throws {
    let bundle = CompileFixture.compile(Self.files).bundle
    let billing = try #require(bundle.workgroups.first { $0.id == "billing" })
    #expect(billing.mode == .push && billing.offerTimeoutSeconds == 90)
    #expect(billing.members.map(\.capacity) == [2, 1])
    let tasks = try #require(bundle.caseType("finance")).tasks
    #expect(tasks.map(\.mode) == [nil, .pull])
    #expect(tasks.map(\.offerTimeoutSeconds) == [20, nil])
    #expect(tasks.map(\.weight) == [2, 1] && tasks.map(\.allowClaim) == [true, false])
    #expect(tasks.allSatisfy { $0.distribution == nil })
    #expect(bundle.presence?.notReady == ["training", "break"])
    #expect(bundle.presence?.wrapUpSeconds == Presence.defaultWrapUpSeconds)
  }

  @Test func aSealedBundleWithThemLoadsBackEqual() throws {
    let compiled = CompileFixture.compile(Self.files)
    #expect(try BundleFile.load(compiled.bytes) == compiled.bundle)
  }

  @Test func withoutAPresenceDocumentTheBundleHasNone() {
    #expect(CompileFixture.compile([(name: "g.yaml", text: CompileFixture.shared)]).bundle.presence == nil)
  }

  /// The model (what the checker accepts) and the bundle (what the loader accepts) keep their
  /// bounds and defaults apart; they must agree.
  @Test func theCheckerAndTheLoaderAgreeOnBoundsAndDefaults() {
    #expect(Dispatch.offerTimeoutSeconds == BundleTask.offerTimeoutSeconds)
    #expect(Dispatch.defaultOfferTimeoutSeconds == BundleTask.defaultOfferTimeoutSeconds)
    #expect(TaskDefinition.weights == BundleTask.weights)
    #expect(Workgroup.Member.capacities == BundleMember.capacities)
    #expect(Presence.wrapUpSeconds == BundlePresence.wrapUpSeconds)
    #expect(Presence.defaultWrapUpSeconds == BundlePresence.defaultWrapUpSeconds)
    #expect(Presence.builtinReason == BundlePresence.builtinReason && Presence.id == "presence")
    #expect(DistributionMode.allCases.map(\.rawValue) == BundleDistributionMode.allCases.map(\.rawValue))
  }
}
