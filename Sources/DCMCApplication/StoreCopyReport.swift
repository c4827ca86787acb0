/// What `store copy` did: each store's tally after the copy, and how many items of each
/// aggregate it wrote (none: they were there already, from an earlier run).
public struct StoreCopyReport: Sendable, Equatable {
  public var source: StoreTally
  public var target: StoreTally
  /// By aggregate name (`cases`), for the aggregates the copy writes itself; those the
  /// target's appends write with the histories (request ids, numbering, report facts) are
  /// left out.
  public var written: [String: Int]

  public init(source: StoreTally, target: StoreTally, written: [String: Int]) {
    self.source = source
    self.target = target
    self.written = written
  }

  /// The aggregates whose count or hash differ between the stores, in the tally's order.
  public var differences: [String] {
    zip(source.aggregates, target.aggregates).filter { $0.0 != $0.1 }.map(\.0.name)
  }

  /// Whether the source holds no report facts while the copy's appends wrote some from the
  /// same histories: a store made before dcmc kept facts, which its `store rebuild` gives them.
  public var sourceKeepsNoFacts: Bool {
    zip(source.aggregates, target.aggregates).contains { source, target in
      source.name == StoreTally.factsName && source.count == 0 && target.count > 0
    }
  }
}
