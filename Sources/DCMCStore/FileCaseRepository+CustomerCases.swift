public import DCMCApplication
import DCMCRuntime

/// The per-customer case index, `by-customer/<customer id>/<case id>`: each case filed under
/// the customer record it is linked to, so the cases of a customer (`case list --customer`,
/// the customer's context at `case create`, a merge moving cases) are read from one directory
/// rather than by reading every case of the store.
///
/// Kept like the timer and workbin entries (`IndexEntries`): a case's new entry is added before
/// its command's append and its old one dropped after, so a crash leaves an entry too many (a
/// case filed under a record it has left, or a case that was never created), never one too
/// few; a lookup reads the cases it lists and keeps those linked to the record now.
extension FileCaseRepository {
  var customerCaseIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/" + Self.customerCaseDirectory)
  }

  static let customerCaseDirectory = "by-customer"

  /// The cases filed under `customer` that are linked to it now and match `filter`, oldest
  /// first, and the damaged cases among those filed there.
  func cases(ofCustomer customer: String, _ filter: CaseFilter) throws(RepositoryError)
    -> (cases: [CaseState], damaged: [CaseDamage])
  {
    // No record can have an id that names no file: it has no cases.
    guard let key = try? StoreID(customer) else { return ([], []) }
    var states: [CaseState] = []
    var damaged: [CaseDamage] = []
    for stream in try wrap({ () throws(StoreError) in try customerCaseIndex.names(under: [key]) }) {
      do throws(RepositoryError) {
        if let state = try read(stream), filter.matches(state) { states.append(state) }
      } catch {
        guard let damage = Self.damage(in: error) else { throw error }
        damaged.append(damage)
      }
    }
    return (states.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }, damaged)
  }

  /// Whether case `stream` is filed under `customer`.
  func isFiled(_ stream: StoreID, under customer: StoreID) -> Bool {
    (try? customerCaseIndex.names(under: [customer]))?.contains(stream) ?? false
  }
}
