public import DCMCApplication
import DCMCRuntime

/// The request index (`requests/<request id>.json`, `{"case": id}`) checked and mended against
/// the histories: every request a history records (a creation's, a command's on its first
/// event) has its entry naming that case (or another case recording it too), written before
/// the append that records it, and read by `caseRecording(request:)`.
extension FileCaseRepository {
  /// What is wrong with the entries of the requests case `stream`'s `events` record. An entry
  /// that does not read is `damaged` (each is replaced whole). One missing, or naming a case
  /// that does not record the request, is `behind`: a failed append puts the entry back as it
  /// was while its records may still reach the disk, and dcmc before 7 December 2026 indexed
  /// no command's request (a retry of one looks in its case, a pull's in the cases its user
  /// holds tasks of). `missing` lists the entries `rebuild` writes.
  func requestFindings(_ stream: StoreID, _ events: [CaseEvent]) throws(RepositoryError) -> (
    damaged: [String], behind: [String], missing: [StoreID]
  ) {
    var findings: (damaged: [String], behind: [String], missing: [StoreID]) = ([], [], [])
    var seen: Set<String> = []
    for event in events {
      guard let request = event.recordedRequest?.id, seen.insert(request).inserted else { continue }
      let id = try Self.id(request)
      let path = Self.requestPath(id)
      guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: path) }) else {
        findings.missing.append(id)
        findings.behind.append("case '\(stream)': \(path) is missing, behind its history (event \(event.seq))")
        continue
      }
      guard let named = Self.strings(bytes)?["case"] else {
        findings.damaged.append("case '\(stream)': \(path) does not read")
        findings.missing.append(id)
        continue
      }
      // A request recorded on two cases, by commands before the index (each looked in its own
      // case only), has its entry naming one of them.
      if named != stream.rawValue, try caseRecording(request: request) != named {
        findings.missing.append(id)
        findings.behind.append(
          "case '\(stream)': \(path) names case '\(named)', which does not record the request, behind its history (event \(event.seq))")
      }
    }
    return findings
  }

  /// Writes the entries `requestFindings` lists as missing or wrong, each naming case
  /// `stream`; returns the paths written.
  func rebuildRequests(_ stream: StoreID, _ events: [CaseEvent], _ transaction: StoreTransaction)
    throws(RepositoryError) -> [String]
  {
    var written: [String] = []
    for request in try requestFindings(stream, events).missing {
      let path = Self.requestPath(request)
      try wrap { () throws(StoreError) in try transaction.replace(path, with: Self.json(["case": stream.rawValue])) }
      written.append(path.description)
    }
    return written
  }
}
