public import DCMCDiagnostics

/// A notification message template.
public struct Template: Sendable {
  public var header: DefinitionHeader
  public var subject: TemplateText?
  public var body: TemplateText

  public init(header: DefinitionHeader, subject: TemplateText?, body: TemplateText) {
    self.header = header
    self.subject = subject
    self.body = body
  }
}

/// A text with `{{Variable}}` placeholders, split into literal text and variables.
public struct TemplateText: Sendable {
  public enum Part: Sendable {
    case text(String)
    case variable(Located<String>)
  }

  public var parts: [Part]
  public var range: SourceRange

  public init(parts: [Part], range: SourceRange) {
    self.parts = parts
    self.range = range
  }

  public var variables: [Located<String>] {
    parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
  }

  /// The variables every case-type template may use, besides the case type's own fields.
  public static let builtinVariables = [
    "Case_Type", "Case_Description", "Case_Id", "Case_SLA", "Case_SLA_format", "Case_SLA_Type", "Case_Target",
    "Case_Creation_Date", "Case_Creation_Time", "Case_Status", "Case_Due", "Task_Name", "Task_Target",
    "Task_Assignee", "Status_Link", "Customer_Status", "Customer_Next_Step",
  ]
}
