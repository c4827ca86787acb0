public import DCMCBundle
public import DCMCRuntime

/// Who is in which workgroup. Permissions are checked against it, whatever bundle a case
/// started on: a member added by a new deployment works on the cases that were already open.
public protocol Directory: Sendable {
  /// The workgroups, by id, as the directory knows them now.
  func workgroups() throws(ServiceError) -> [BundleWorkgroup]
  /// The workgroups, for a use case that has read the deployed definitions already
  /// (`deployed`): a directory of the deployment answers from them without reading the
  /// deployment again; any other answers `workgroups()`.
  func workgroups(deployed: RuntimeDefinitions) throws(ServiceError) -> [BundleWorkgroup]
}

extension Directory {
  public func workgroups(deployed: RuntimeDefinitions) throws(ServiceError) -> [BundleWorkgroup] {
    try workgroups()
  }

  /// Whether `user` works in or supervises a workgroup: a user who does not can do nothing.
  public func isKnown(_ user: String) throws(ServiceError) -> Bool {
    Permissions(try workgroups()).isKnown(user)
  }
}

/// The directory of the latest deployment: the workgroups of the bundle new cases start on.
public struct DeployedDirectory: Directory {
  let definitions: DefinitionsLoader

  public init(_ definitions: DefinitionsLoader) { self.definitions = definitions }

  public func workgroups() throws(ServiceError) -> [BundleWorkgroup] {
    try definitions.deployed().bundle.workgroups
  }

  public func workgroups(deployed: RuntimeDefinitions) throws(ServiceError) -> [BundleWorkgroup] {
    deployed.bundle.workgroups
  }
}
