import DCMCCalendar
internal import DCMCJSON
import DCMCRuntime

/// The tally of every aggregate a store holds (`AggregateTally`), in a fixed order: what
/// `store copy` compares between the store it copied and the copy, and prints.
///
/// Items are hashed by content, never by how a store names them: events as their history
/// records, the records beside them (tokens, status links, delivery records, the RONAs a
/// note holds) as the file store writes them (compact JSON, never Swift's printed form of a
/// value, which no format promises; keys sorted), the report facts by their CSV lines sorted within each
/// day (a copy writes a day's facts case by case, not in the order they happened).
public struct StoreTally: Sendable, Equatable {
  public var aggregates: [AggregateTally]

  public init(aggregates: [AggregateTally]) { self.aggregates = aggregates }

  /// The name of the report facts' aggregate, the last.
  static let factsName = "report facts"

  /// Reads the whole of `store`.
  public init(of store: any CopyableStore) throws(RepositoryError) {
    var bundles = TallyHasher("bundles")
    for hash in try store.bundleHashes() { bundles.add(hash) }
    // The history as a copy makes it (`StoreCopy`): each change of the current bundle, by
    // whom and when, in order; the numbers a store gave them are its own.
    var deployment = TallyHasher("deployment")
    for record in DeploymentRecord.changes(try store.deployments()) {
      deployment.add(record.bundle, record.by ?? "", record.at?.description ?? "")
    }
    var span = EventSpan()
    let cases = try Self.cases(of: store, span: &span)
    let customers = try Self.customers(of: store)
    var presence = TallyHasher("presence")
    for user in try store.presenceUsers() {
      presence.addPart(Array(user.utf8))
      for event in try store.presenceHistory(of: user) ?? [] {
        presence.addPart(event.json.compact())
        span.include(event.at)
      }
      presence.endItem()
    }
    aggregates = [bundles.tally(), deployment.tally()] + cases + customers + [presence.tally()]
    aggregates += try Self.records(of: store) + [try Self.facts(of: store, in: span)]
  }

  /// The cases with their events, the request ids that made them, and the attachments kept.
  private static func cases(of store: any CopyableStore, span: inout EventSpan) throws(RepositoryError)
    -> [AggregateTally]
  {
    var cases = TallyHasher("cases")
    var requests = TallyHasher("requests")
    var attachments = TallyHasher("attachments")
    for id in try store.caseIDs() {
      cases.addPart(Array(id.utf8))
      for event in try store.history(of: id) ?? [] {
        cases.addPart(event.compactJSON(caseID: id))
        span.include(event.at)
        switch event.change {
        case .created(let created):
          if let request = created.request { requests.add(request, try store.caseRecording(request: request) ?? "") }
        case .attachmentAdded(let attachment):
          attachments.addPart(Array(attachment.stored.utf8))
          attachments.addPart(try store.attachment(at: attachment.stored) ?? [])
          attachments.endItem()
        default: break
        }
      }
      cases.endItem()
    }
    var numbering = TallyHasher("numbering")
    for (type, last) in try store.caseSequences().sorted(by: { $0.key < $1.key }) { numbering.add(type, String(last)) }
    numbering.add("customers", String(try store.lastCustomerSequence()))
    return [cases.tally(), requests.tally(), attachments.tally(), numbering.tally()]
  }

  /// The customer records with their events, and the request ids that added them.
  private static func customers(of store: any CopyableStore) throws(RepositoryError) -> [AggregateTally] {
    var customers = TallyHasher("customers")
    var requests = TallyHasher("customer requests")
    for id in try store.customerIDs() {
      customers.addPart(Array(id.utf8))
      for event in try store.customerHistory(of: id) ?? [] {
        customers.addPart(event.json.compact())
        if case .added(let added) = event.change, let request = added.request {
          requests.add(request, try store.customerAdded(byRequest: request) ?? "")
        }
      }
      customers.endItem()
    }
    return [customers.tally(), requests.tally()]
  }

  /// The records beside the histories: tokens, status links, delivery records, RONA notes and
  /// the tick mark.
  private static func records(of store: any CopyableStore) throws(RepositoryError) -> [AggregateTally] {
    var tokens = TallyHasher("tokens")
    for token in try store.tokens() { tokens.addPart(token.storedJSON.compact()); tokens.endItem() }
    var links = TallyHasher("status links")
    for link in try store.statusLinks() { links.addPart(link.storedJSON.compact()); links.endItem() }
    var deliveries = TallyHasher("deliveries")
    for (id, record) in try store.deliveryRecords().sorted(by: { $0.key < $1.key }) {
      deliveries.addPart(Array(id.utf8))
      deliveries.addPart(record.storedJSON.compact())
      deliveries.endItem()
    }
    var ronas = TallyHasher("pending ronas")
    let notes = try store.pendingRONAs().map { JSONValue.array($0.ronas.map(\.storedJSON)).compact() }
    for note in notes.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      ronas.addPart(note)
      ronas.endItem()
    }
    var tick = TallyHasher("tick")
    if let last = try store.lastTick() { tick.add(String(last.secondsSinceEpoch)) }
    return [tokens.tally(), links.tally(), deliveries.tally(), ronas.tally(), tick.tally()]
  }

  /// The report facts of the days the histories span, each day's CSV lines sorted.
  private static func facts(of store: any CopyableStore, in span: EventSpan) throws(RepositoryError)
    -> AggregateTally
  {
    var facts = TallyHasher(factsName)
    guard let period = span.period else { return facts.tally() }
    var day: Int?
    var lines: [[UInt8]] = []
    func flush() {
      for line in lines.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
        facts.addPart(line)
        facts.endItem()
      }
      lines.removeAll(keepingCapacity: true)
    }
    try store.facts(in: period) { fact in
      let factDay = ReportFact.day(of: fact.at)
      if factDay != day {
        flush()
        day = factDay
      }
      lines.append(fact.csvLine)
    }
    flush()
    return facts.tally()
  }
}

/// The first and last instant of the events read: the period whose report facts a tally reads.
private struct EventSpan {
  var first: Instant?
  var last: Instant?

  mutating func include(_ instant: Instant) {
    first = min(first ?? instant, instant)
    last = max(last ?? instant, instant)
  }

  /// From the first event's UTC day to the end of the last's.
  var period: Range<Instant>? {
    guard let first, let last else { return nil }
    let start = ReportFact.day(of: first) * 86_400
    let end = (ReportFact.day(of: last) + 1) * 86_400
    return Instant(secondsSinceEpoch: start)..<Instant(secondsSinceEpoch: end)
  }
}
