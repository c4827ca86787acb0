import DCMCBundle
import DCMCStore

extension CaseStore {
  /// The bundle new cases start on, or `nil` before the first deployment.
  func deployedBundle() throws(CaseStoreError) -> DefinitionBundle? {
    let hash: String?
    do throws(StoreError) {
      hash = try deployedHash()
    } catch {
      throw .store(error)
    }
    guard let hash else { return nil }
    return try definitions(bundle: hash).bundle
  }
}
