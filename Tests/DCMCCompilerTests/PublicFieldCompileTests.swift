import DCMCBundle
import DCMCCompiler
import Testing

/// A case type's field with `public: false` is compiled into the bundle as `"public": false`;
/// a field that is public (the default, or `public: true`) adds no key, so the bundle of
/// definitions that do not use the key keeps its bytes and hash.
@Suite struct PublicFieldCompileTests {
  static let stages = """
    stages:
      - id: work
        tasks:
          - id: handle
            target: agents
            outcomes:
              resolved: { close: resolved }

    """

  @Test func aFieldKeptOffThePublicFormIsWrittenAsPublicFalseAndLoadsBack() throws {
    let (bundle, bytes) = CompileFixture.compile([
      ("shared.yaml", CompileFixture.shared),
      CompileFixture.caseType(
        """
          - { id: Grade, type: enum, values: [a, b], public: false }
          - { id: Note, type: text, public: true }

        """ + Self.stages),
    ])
    let fields = try #require(bundle.caseType("claims")).fields
    #expect(fields.map(\.id) == ["Name", "Segment", "Amount", "Grade", "Note"])
    #expect(fields.map(\.isPublic) == [true, true, true, false, true])
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.components(separatedBy: "\"public\"").count == 2, "\(text)")
    #expect(text.contains(#""public": false"#))
    #expect(try BundleFile.load(bytes) == bundle)
  }

  @Test func theReferenceDefinitionsKeepTheSegmentAndTheGoodwillGrantedOffThePublicForm() throws {
    let (bundle, _) = CompileFixture.compile(try CompileFixture.referenceFiles())
    for caseType in bundle.caseTypes {
      let hidden = caseType.fields.filter { !$0.isPublic }.map(\.id)
      let segment = caseType.fields.contains { $0.id == "Customer_Segment" } ? ["Customer_Segment"] : []
      let expected = caseType.id == "complaint" ? segment + ["Goodwill_Granted"] : segment
      #expect(hidden == expected, "\(caseType.id)")
    }
  }
}
