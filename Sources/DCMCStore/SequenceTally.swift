import DCMCBundle
import DCMCRuntime

/// The numbers the histories gave, as `store verify` and `store rebuild` read them: for each
/// case type the highest number of its cases' ids, for customers the highest of the records'.
/// A history records an id, not its number (`ReferenceNumber` reads it back): a case's with
/// the `reference` of its case type in the bundle it was created on (`case.created` names
/// it), a customer's with the profile's `reference` in the deployed bundle, the one the next
/// `customer add` numbers with (`customer.added` names no bundle). An id that format cannot
/// have made (a record numbered under another format) is not counted: the ids the next add
/// makes cannot be it.
struct SequenceTally {
  /// The highest number by case type.
  private(set) var cases: [String: Int] = [:]
  /// The references of each bundle read so far, by hash: its case types' and its profile's;
  /// `nil` for a bundle that is missing or does not load (verify reports it).
  private var formats: [String: (cases: [String: String], customer: String)?] = [:]
  private let bundle: (String) -> [UInt8]?

  /// A tally over the bundles `bundle` gives by hash.
  init(bundles bundle: @escaping (String) -> [UInt8]?) {
    self.bundle = bundle
  }

  /// Counts the number of case `state`'s id.
  mutating func note(_ state: CaseState) {
    guard let format = references(of: state.bundle)?.cases[state.type],
      let number = ReferenceNumber.of(state.id, format: format)
    else { return }
    cases[state.type] = max(cases[state.type] ?? 0, number)
  }

  /// The highest number of the customer `ids` under the profile of the bundle `deployed`
  /// (0 for none); `nil` when no bundle is deployed or it does not load.
  mutating func customers(_ ids: some Sequence<String>, deployed: String?) -> Int? {
    guard let deployed, let format = references(of: deployed)?.customer else { return nil }
    return ids.compactMap { ReferenceNumber.of($0, format: format) }.max() ?? 0
  }

  private mutating func references(of hash: String) -> (cases: [String: String], customer: String)? {
    if let known = formats[hash] { return known }
    let loaded = bundle(hash).flatMap { try? BundleFile.load($0) }.map { bundle in
      (
        Dictionary(bundle.caseTypes.map { ($0.id, $0.reference) }) { first, _ in first },
        bundle.customerProfile?.reference ?? BundleCustomerProfile.defaultReference
      )
    }
    formats[hash] = .some(loaded)
    return loaded
  }
}
