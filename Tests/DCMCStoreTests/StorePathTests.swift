import Testing

@testable import DCMCStore

/// A store path's text is its components joined by `/`, after the root for an absolute path,
/// written in one string (`StorePath.joined`).
@Suite struct StorePathTests {
  @Test func aPathsTextIsItsComponentsJoinedBySlashes() throws {
    // One component, many, short and long ones, non-ASCII; a short root and a long one.
    for components in [
      ["tick.json"], ["a", "b", "c", "d"], ["customers", "emails", String(repeating: "8c", count: 32) + ".json"],
      ["by-customer", "CUS-000001", "ünïcode.json"],
    ] {
      let path = StorePath(try components.map { component throws(StoreError) in try StoreID(component) })
      #expect(path.description == components.joined(separator: "/"))
      for root in ["", "/s", "/dev/shm/a-store-root-longer-than-fifteen-bytes"] {
        #expect(path.absolute(in: root) == root + "/" + components.joined(separator: "/"))
        let directory = components.count == 1 ? root : root + "/" + components.dropLast().joined(separator: "/")
        #expect(path.directory(in: root) == directory)
        #expect(path.sibling("tmp", in: root) == directory + "/." + components.last! + ".tmp")
      }
    }
  }
}
