internal import DCMCJSON
import DCMCRuntime

extension StoreCopy {
  /// Refuses a target that holds anything this source does not, before anything is written:
  /// a bundle the source lacks, a deployment history that is not the start of the source's, a
  /// case, customer record or presence history that is not a
  /// prefix of the source's, a token, status link or RONA note other than the source's, or
  /// a tick mark later than the source's. An empty target, or one a copy of this source
  /// left part way, passes.
  func checkTarget() throws(StoreCopyError) {
    let problem = try StoreCopyError.wrap { () throws(RepositoryError) in try foreignItem() }
    if let problem { throw .foreignTarget(problem) }
  }

  private func foreignItem() throws(RepositoryError) -> String? {
    let bundles = Set(try source.bundleHashes())
    if let hash = try target.bundleHashes().first(where: { !bundles.contains($0) }) {
      return "it holds bundle '\(hash.prefix(80))'"
    }
    for id in try target.caseIDs() {
      let copied = (try target.history(of: id) ?? []).map { $0.compactJSON(caseID: id) }
      let events = (try source.history(of: id) ?? []).map { $0.compactJSON(caseID: id) }
      if !events.starts(with: copied) { return "its case '\(id)' is not the source's" }
    }
    for id in try target.customerIDs() {
      let copied = (try target.customerHistory(of: id) ?? []).map { $0.json.compact() }
      let events = (try source.customerHistory(of: id) ?? []).map { $0.json.compact() }
      if !events.starts(with: copied) { return "its customer '\(id)' is not the source's" }
    }
    for user in try target.presenceUsers() {
      let copied = (try target.presenceHistory(of: user) ?? []).map { $0.json.compact() }
      let events = (try source.presenceHistory(of: user) ?? []).map { $0.json.compact() }
      if !events.starts(with: copied) { return "the presence history of '\(user)' is not the source's" }
    }
    let deployed = DeploymentRecord.changes(try source.deployments())
    let copied = DeploymentRecord.changes(try target.deployments())
    guard copied.count <= deployed.count, zip(copied, deployed).allSatisfy({ $0.sameDeployment(as: $1) }) else {
      return "its deployment history is not the start of the source's"
    }
    return try foreignRecord()
  }

  private func foreignRecord() throws(RepositoryError) -> String? {
    let tokens = try source.tokens()
    if let token = try target.tokens().first(where: { !tokens.contains($0) }) {
      return "its token '\(token.id)' is not the source's"
    }
    for link in try target.statusLinks() where try source.statusLink(link.id) != link {
      return "its status link '\(link.id)' is not the source's"
    }
    let notes = Set(try source.pendingRONAs().map(\.ronas))
    if try target.pendingRONAs().contains(where: { !notes.contains($0.ronas) }) {
      return "it notes pending RONAs the source does not"
    }
    if let tick = try target.lastTick(), try source.lastTick().map({ tick > $0 }) ?? true {
      return "its last tick is later than the source's"
    }
    return nil
  }
}
