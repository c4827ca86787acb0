import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Synchronization
import Testing
import _DCMCTestSupport

/// A use case reads the deployment once (`DefinitionsLoader.deployed()`), however many of its
/// steps need it (the directory's workgroups, the engine, the customer's identification and
/// record): on the PostgreSQL store each read is a statement to the server.
@Suite struct DeploymentReadTests {
  /// An in-memory store that counts its reads (`_DCMCTestSupport`).
  typealias Counting = CountingRepository<InMemoryCaseRepository>

  static func service(_ repository: Counting) throws -> CaseService { try repository.referenceService() }

  static let form = [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "no signal",
  ]

  @Test func aCreateReadsTheDeploymentOnceWhetherItAddsOrMatchesTheCustomer() throws {
    let repository = Counting()
    let service = try Self.service(repository)
    var customers: [String?] = []
    // The first adds Jane's record, the second matches it.
    for identification in [Identification.created, .matched] {
      let (created, reads) = try repository.reads {
        try service.create(type: "technical", fields: Self.form, request: nil, by: "alice")
      }
      #expect(reads == 1 && created.identification == identification)
      customers.append(created.customer)
    }
    #expect(customers.count == 2 && customers[0] != nil && customers[1] == customers[0])
  }

  @Test func aCustomerAddAndUpdateEachReadTheDeploymentOnce() throws {
    let repository = Counting()
    let customers = try #require(try Self.service(repository).customerUseCases)
    let (added, addReads) = try repository.reads {
      try customers.add(name: "Jane", email: "jane@example.com", phone: nil, fields: [:], request: nil, by: "alice")
    }
    #expect(addReads == 1)
    let updateReads = try repository.reads {
      _ = try customers.update(added.id, name: "Jane Doe", email: nil, phone: nil, fields: [:], by: "alice")
    }.reads
    #expect(updateReads == 1)
  }

  /// A store that reports the deployment's version (the file store: `deployment.json`'s
  /// identity) is read again only when it changed: the server's creates stop reading the file
  /// each, and a deployment by another process counts from the next use case.
  @Test func theDeploymentIsReadAgainOnlyWhenItsVersionChanged() throws {
    let repository = Counting()
    repository.version.withLock { $0 = "1" }
    let service = try Self.service(repository)
    let first = try repository.reads {
      for _ in 0..<3 { _ = try service.create(type: "technical", fields: Self.form, request: nil, by: "alice") }
    }
    #expect(first.reads == 1)
    let other = ReferenceBundle.variant { name, text in
      name == "technical.yaml" ? text.replacing("\nname: Technical\n", with: "\nname: Technical v2\n") : text
    }
    _ = try repository.inner.deploy(other.bundle, bytes: other.bytes)
    // Same version: the hash read before is kept (what a stale version would do).
    let kept = try repository.reads { try service.definitions.deployed().bundle.hash }
    #expect(kept.answer == ReferenceBundle.compiled.bundle.hash && kept.reads == 0)
    repository.version.withLock { $0 = "2" }
    let read = try repository.reads {
      [try service.definitions.deployed().bundle.hash, try service.definitions.deployed().bundle.hash]
    }
    #expect(read.answer == [other.bundle.hash, other.bundle.hash] && read.reads == 1)
  }

  /// Listing the deployments, or showing one, reads each bundle it names and keeps none loaded
  /// (`DefinitionsLoader.bundle`): a server listing the history kept every bundle of it for
  /// good, though no case ran on most. A bundle a case loaded is not read again for the list,
  /// and a bundle the page names twice is read once.
  @Test func listingOrShowingTheDeploymentsKeepsNoBundleLoaded() throws {
    let repository = Counting()
    let service = try Self.service(repository)
    let (a, b) = (ReferenceBundle.compiled, ReferenceBundle.renamed)
    #expect(try service.deploy(b.bundle, bytes: b.bytes, by: "ops"))
    #expect(try service.deploy(a.bundle, bytes: a.bytes, by: "ops") == false)
    _ = try service.create(type: "technical", fields: Self.form, request: nil, by: "alice")
    func reads(_ body: () throws -> Void) rethrows -> [String: Int] {
      repository.bundleReads.withLock { $0 = [:] }
      try body()
      return repository.bundleReads.withLock { $0 }
    }
    for _ in 0..<2 {
      let listed = try reads {
        let hashes = try service.deploymentHistory().views.map(\.bundle.hash)
        #expect(hashes == [a.bundle.hash, b.bundle.hash, a.bundle.hash])
      }
      #expect(listed == [b.bundle.hash: 1])
    }
    _ = try service.deployment(of: b.bundle.hash)
    #expect(try reads { _ = try service.deploymentHistory() } == [b.bundle.hash: 1])
  }

  /// A request that read the deployment with the tokens' version (`StoreVersions`, one
  /// statement on PostgreSQL) runs on that bundle without reading it again, whatever the
  /// store's deployment version says; a request that read none deployed is refused so.
  @Test func aServiceWithTheDeploymentTheRequestReadReadsItNoMore() throws {
    let repository = Counting()
    let service = try Self.service(repository)
    let other = ReferenceBundle.variant { name, text in
      name == "technical.yaml" ? text.replacing("\nname: Technical\n", with: "\nname: Technical v2\n") : text
    }
    _ = try repository.inner.deploy(other.bundle, bytes: other.bytes)
    for hash in [ReferenceBundle.compiled.bundle.hash, other.bundle.hash] {
      let created = try repository.reads {
        try service.with(deployed: hash).create(type: "technical", fields: Self.form, request: nil, by: "alice")
      }
      #expect(created.reads == 0 && created.answer.bundle == hash)
    }
    let refused = repository.reads {
      Result { () throws(ServiceError) in try service.with(deployed: nil).definitions.deployed() }
    }
    guard case .failure(.refused(.notDeployed)) = refused.answer else {
      Issue.record("not refused as not deployed: \(refused.answer)")
      return
    }
    #expect(refused.reads == 0)
  }
}
