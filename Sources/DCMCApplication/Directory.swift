public import DCMCBundle

/// Who is in which workgroup. Permissions are checked against it, whatever bundle a case
/// started on: a member added by a new deployment works on the cases that were already open.
public protocol Directory: Sendable {
  /// The workgroups, by id, as the directory knows them now.
  func workgroups() throws(ServiceError) -> [BundleWorkgroup]
}

/// The directory of the latest deployment: the workgroups of the bundle new cases start on.
public struct DeployedDirectory: Directory {
  let definitions: DefinitionsLoader

  public init(_ definitions: DefinitionsLoader) { self.definitions = definitions }

  public func workgroups() throws(ServiceError) -> [BundleWorkgroup] {
    try definitions.deployed().bundle.workgroups
  }
}
